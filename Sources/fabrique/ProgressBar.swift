import Foundation

/// A progress bar on standard error, shown only when standard error is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let total: Int64
    private let label: String
    private let lock = NSLock()
    private var lastPercent = -1

    /// Nil when standard error is not a terminal or the total is unknown.
    init?(total: Int64, label: String) {
        guard total > 0, isatty(STDERR_FILENO) == 1 else { return nil }
        self.total = total
        self.label = label
    }

    /// Called with the bytes done so far; redraws when the percentage changes.
    func update(_ done: Int64) {
        lock.lock()
        defer { lock.unlock() }
        let percent = Int(min(100, done * 100 / total))
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)%".utf8))
    }

    /// Ends the bar's line.
    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

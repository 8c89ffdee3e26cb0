import Foundation

/// Counts answers given to questions that did not apply, with the first example, for the summary.
final class IgnoredAnswers: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    private var rows = 0
    private var first: (line: Int, field: String)?

    func record(line: Int, field: String, count: Int) {
        lock.lock()
        defer { lock.unlock() }
        total += count
        rows += 1
        if first == nil || line < first!.line { first = (line, field) }
    }

    /// The summary's warning, or nil when every answer applied.
    var warning: String? {
        lock.lock()
        defer { lock.unlock() }
        guard let first else { return nil }
        return
            "\(total) answer(s) in \(rows) row(s) were not stored because their question did not apply under the survey's skip logic "
            + "(first: line \(first.line), \(first.field))"
    }
}

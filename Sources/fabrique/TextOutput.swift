import Foundation

/// Buffered text output to a file or standard output.
final class TextOutput {
    private let handle: FileHandle
    private let owned: Bool
    private var buffer = Data()

    init(path: String?) throws {
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw InputError("cannot write \(path): check the folder exists and is writable")
            }
            self.handle = handle
            owned = true
        } else {
            handle = .standardOutput
            owned = false
        }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: Array(text.utf8))
        if buffer.count > 1 << 16 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        try flush()
        if owned { try handle.close() }
    }
}

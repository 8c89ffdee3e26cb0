import Foundation

/// Results written by concurrent iterations, each at its own index, read once all are done.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Value, Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, Error>) {
        lock.withLock { results[index] = result }
    }

    /// The values in index order; the first error (in index order) is thrown.
    func values() throws -> [Value] {
        try lock.withLock { results }.map { try $0!.get() }
    }
}

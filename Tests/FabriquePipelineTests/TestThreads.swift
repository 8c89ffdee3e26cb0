import Foundation
import Synchronization

/// A count shared with the threads under test.
final class Counter: Sendable {
    private let count = Mutex(0)

    func increment() { count.withLock { $0 += 1 } }

    var value: Int { count.withLock { $0 } }

    /// The count once it has stopped changing for 100 ms: what blocked threads could reach.
    func waitUntilStable() async -> Int {
        var last = value
        while true {
            try? await Task.sleep(for: .milliseconds(100))
            let now = value
            if now == last { return now }
            last = now
        }
    }

    /// The count once it reaches `target`, or after five seconds.
    func waitUntil(_ target: Int) async -> Int {
        for _ in 0..<500 where value < target { try? await Task.sleep(for: .milliseconds(10)) }
        return value
    }
}

/// Values appended by the threads under test.
final class Collected: Sendable {
    private let items = Mutex<[Int]>([])

    func append(_ item: Int) { items.withLock { $0.append(item) } }

    var values: [Int] { items.withLock { $0 } }
}

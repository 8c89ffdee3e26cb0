import Foundation

/// Hands out items in sequence order although they arrive in any order (from parallel workers).
/// `take(n)` waits for item n, or returns nil once the producer said there are fewer than n + 1
/// items, or after `cancel`.
final class ReorderBuffer<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [Int: Element] = [:]
    private var total: Int?
    private var cancelled = false

    func put(_ sequence: Int, _ item: Element) {
        condition.lock()
        if !cancelled { pending[sequence] = item }
        condition.broadcast()
        condition.unlock()
    }

    /// The producer's last word: how many items there are in all.
    func expect(count: Int) {
        condition.lock()
        total = count
        condition.broadcast()
        condition.unlock()
    }

    func take(_ sequence: Int) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while pending[sequence] == nil, !cancelled, total.map({ sequence < $0 }) ?? true {
            condition.wait()
        }
        return pending.removeValue(forKey: sequence)
    }

    func cancel() {
        condition.lock()
        cancelled = true
        pending.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

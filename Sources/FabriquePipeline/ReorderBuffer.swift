import Foundation

/// Hands out items in sequence order although they arrive in any order (from parallel workers).
/// `take(n)` waits for item n, or returns nil once the producer said there are fewer than n + 1
/// items, or after `cancel`. A worker whose item is `capacity` or more ahead of the consumer waits,
/// so a slow consumer bounds memory; the item the consumer waits for never waits.
///
/// Like `BoundedQueue`, it waits on a condition, which `Mutex` does not offer: every stored
/// property is read and written under `condition`'s lock only, hence the unchecked conformance.
package final class ReorderBuffer<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [Int: Element] = [:]
    private var total: Int?
    private var cancelled = false
    private var nextToTake = 0
    private let capacity: Int

    package init(capacity: Int) {
        self.capacity = capacity
    }

    package func put(_ sequence: Int, _ item: Element) {
        condition.lock()
        while sequence - nextToTake >= capacity, !cancelled { condition.wait() }
        if !cancelled { pending[sequence] = item }
        condition.broadcast()
        condition.unlock()
    }

    /// The producer's last word: how many items there are in all.
    package func expect(count: Int) {
        condition.lock()
        total = count
        condition.broadcast()
        condition.unlock()
    }

    package func take(_ sequence: Int) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while pending[sequence] == nil, !cancelled, total.map({ sequence < $0 }) ?? true {
            condition.wait()
        }
        nextToTake = sequence + 1
        condition.broadcast()
        return pending.removeValue(forKey: sequence)
    }

    package func cancel() {
        condition.lock()
        cancelled = true
        pending.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

import Foundation

/// A blocking queue with a fixed capacity: the reading thread waits when the writer falls behind,
/// so memory stays bounded whatever the file size.
///
/// Its threads wait for room or for an item, which `Synchronization.Mutex` cannot do (it has no
/// condition to wait on): every stored property is read and written under `condition`'s lock only,
/// hence the unchecked conformance.
package final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var closed = false
    private let capacity: Int

    package init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds an item, waiting for room; returns false when the queue was closed by the consumer.
    @discardableResult
    package func put(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity, !closed { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Takes the next item, waiting for one; nil once the queue is closed and empty.
    package func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty, !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// No more items will be put; takers drain what is left.
    package func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer gives up: waiting producers return at once and what is queued is dropped.
    package func cancel() {
        condition.lock()
        closed = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Whether `close` or `cancel` was called.
    package var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }
}

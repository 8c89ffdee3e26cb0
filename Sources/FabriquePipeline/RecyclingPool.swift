import Synchronization

/// A buffer that can be emptied and filled again without giving its memory back.
package protocol Recyclable: Sendable {
    mutating func removeAll()
}

/// Buffers handed back once used, so that a long import reuses the same few batches instead of
/// allocating on one thread and freeing on another (which made the C heap grow with the file).
/// A buffer is emptied when taken, by then its last user has let go of it and it is not copied.
package final class RecyclingPool<Element: Recyclable>: Sendable {
    /// How many used buffers are kept at most; more are freed.
    package static var limit: Int { 32 }
    private let free = Mutex<[Element]>([])
    private let make: @Sendable () -> Element

    package init(make: @escaping @Sendable () -> Element) {
        self.make = make
    }

    /// A used buffer, emptied, or a new one.
    package func take() -> Element {
        guard var element = free.withLock({ $0.popLast() }) else { return make() }
        element.removeAll()
        return element
    }

    /// Gives a buffer back for reuse (at most `limit` are kept).
    package func recycle(_ element: Element) {
        free.withLock { free in
            if free.count < Self.limit { free.append(element) }
        }
    }

    /// How many used buffers wait to be taken again.
    package var kept: Int { free.withLock { $0.count } }
}

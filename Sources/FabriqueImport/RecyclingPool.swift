import FabriqueCSV
import FabriqueStore
import Foundation

/// A buffer that can be emptied and filled again without giving its memory back.
protocol Recyclable {
    mutating func removeAll()
}

extension CSVBatch: Recyclable {}
extension ResponseBatch: Recyclable {}

/// Buffers handed back once used, so that a long import reuses the same few batches instead of
/// allocating on one thread and freeing on another (which made the C heap grow with the file).
/// A buffer is emptied when taken, by then its last user has let go of it and it is not copied.
final class RecyclingPool<Element: Recyclable>: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [Element] = []
    private let make: () -> Element

    init(make: @escaping () -> Element) {
        self.make = make
    }

    /// A used buffer, emptied, or a new one.
    func take() -> Element {
        lock.lock()
        var element = free.popLast()
        lock.unlock()
        guard element != nil else { return make() }
        element!.removeAll()
        return element!
    }

    /// Gives a buffer back for reuse (at most 32 are kept).
    func recycle(_ element: Element) {
        lock.lock()
        defer { lock.unlock() }
        if free.count < 32 { free.append(element) }
    }
}

import Testing

@testable import FabriquePipeline

/// A buffer that counts how often it was made, to tell reuse from allocation.
struct Buffer: Recyclable {
    var items: [Int] = []
    let serial: Int

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }
}

@Suite("RecyclingPool")
struct RecyclingPoolTests {
    @Test("a recycled buffer comes back emptied, with its memory kept, before any new one is made")
    func reusesEmptied() {
        let made = Counter()
        let pool = RecyclingPool {
            made.increment()
            return Buffer(serial: made.value)
        }
        var first = pool.take()
        first.items = Array(0..<1_000)
        pool.recycle(first)
        let again = pool.take()
        #expect(again.serial == 1)
        #expect(again.items.isEmpty)
        #expect(again.items.capacity >= 1_000)
        #expect(made.value == 1)
        #expect(pool.take().serial == 2)
    }

    @Test("at most `limit` buffers are kept; the others are let go")
    func keepsAtMostLimit() {
        let pool = RecyclingPool { Buffer(serial: 0) }
        for _ in 0..<(RecyclingPool<Buffer>.limit + 10) { pool.recycle(Buffer(serial: 1)) }
        #expect(pool.kept == RecyclingPool<Buffer>.limit)
    }
}

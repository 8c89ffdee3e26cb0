import Foundation
import Testing

@testable import FabriquePipeline

@Suite("ReorderBuffer")
struct ReorderBufferTests {
    @Test("items put out of order are taken in sequence order, then nil past the expected count")
    func inSequence() {
        let buffer = ReorderBuffer<String>(capacity: 8)
        for sequence in [2, 0, 3, 1] { buffer.put(sequence, "item \(sequence)") }
        buffer.expect(count: 4)
        #expect((0..<4).map { buffer.take($0) } == ["item 0", "item 1", "item 2", "item 3"])
        #expect(buffer.take(4) == nil)
    }

    @Test("parallel workers finishing in any order: the consumer still reads 0, 1, 2…")
    func parallelWorkers() async {
        let buffer = ReorderBuffer<Int>(capacity: 4)
        let workers = (0..<3).map { worker in
            Thread {
                for sequence in stride(from: worker, to: 300, by: 3) {
                    if sequence % 7 == 0 { usleep(200) }
                    buffer.put(sequence, sequence * 10)
                }
            }
        }
        for worker in workers { worker.start() }
        var taken: [Int] = []
        for sequence in 0..<300 { taken.append(buffer.take(sequence) ?? -1) }
        #expect(taken == (0..<300).map { $0 * 10 })
    }

    @Test("a worker too far ahead of the consumer waits until the consumer catches up")
    func boundsMemory() async {
        let buffer = ReorderBuffer<Int>(capacity: 2)
        let stored = Counter()
        let worker = Thread {
            for sequence in 0..<4 {
                buffer.put(sequence, sequence)
                stored.increment()
            }
        }
        worker.start()
        #expect(await stored.waitUntilStable() == 2)
        #expect(buffer.take(0) == 0)
        #expect(await stored.waitUntil(3) == 3)
        #expect(buffer.take(1) == 1)
        #expect(await stored.waitUntil(4) == 4)
    }

    @Test("cancel wakes a waiting consumer with nil and drops later items")
    func cancelWakesConsumer() async {
        let buffer = ReorderBuffer<Int>(capacity: 2)
        let woke = Counter()
        let consumer = Thread {
            if buffer.take(0) == nil { woke.increment() }
        }
        consumer.start()
        #expect(await woke.waitUntilStable() == 0)
        buffer.cancel()
        #expect(await woke.waitUntil(1) == 1)
        buffer.put(1, 1)
        #expect(buffer.take(1) == nil)
    }
}

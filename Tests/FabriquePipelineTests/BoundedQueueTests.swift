import Foundation
import Testing

@testable import FabriquePipeline

@Suite("BoundedQueue")
struct BoundedQueueTests {
    @Test("items come out in the order they went in, then nil once closed and drained")
    func fifoThenNil() {
        let queue = BoundedQueue<Int>(capacity: 3)
        for item in 1...3 { #expect(queue.put(item)) }
        queue.close()
        #expect([queue.take(), queue.take(), queue.take()] == [1, 2, 3])
        #expect(queue.take() == nil)
        #expect(queue.isClosed)
    }

    @Test("a producer waits while the queue is full and goes on when an item is taken")
    func producerWaitsForRoom() async {
        let queue = BoundedQueue<Int>(capacity: 2)
        let produced = Counter()
        let producer = Thread {
            for item in 0..<5 {
                queue.put(item)
                produced.increment()
            }
            queue.close()
        }
        producer.start()
        #expect(await produced.waitUntilStable() == 2)
        #expect(queue.take() == 0)
        #expect(await produced.waitUntilStable() == 3)
        var rest: [Int] = []
        while let item = queue.take() { rest.append(item) }
        #expect(rest == [1, 2, 3, 4])
        #expect(produced.value == 5)
    }

    @Test("cancel drops what is queued and releases a waiting producer, whose put returns false")
    func cancelReleasesProducer() async {
        let queue = BoundedQueue<Int>(capacity: 1)
        queue.put(1)
        let outcome = Counter()
        let producer = Thread {
            if !queue.put(2) { outcome.increment() }
        }
        producer.start()
        #expect(await outcome.waitUntilStable() == 0)
        queue.cancel()
        #expect(await outcome.waitUntil(1) == 1)
        #expect(queue.take() == nil)
        #expect(!queue.put(3))
    }

    @Test("several producers and consumers: every item is taken exactly once")
    func manyThreads() async {
        let queue = BoundedQueue<Int>(capacity: 4)
        let taken = Collected()
        let producers = (0..<3).map { p in Thread { for i in 0..<1_000 { queue.put(p * 1_000 + i) } } }
        let consumers = (0..<2).map { _ in Thread { while let item = queue.take() { taken.append(item) } } }
        for thread in producers + consumers { thread.start() }
        while producers.contains(where: { !$0.isFinished }) { try? await Task.sleep(for: .milliseconds(5)) }
        queue.close()
        while consumers.contains(where: { !$0.isFinished }) { try? await Task.sleep(for: .milliseconds(5)) }
        #expect(taken.values.sorted() == Array(0..<3_000))
    }
}

import Foundation
import NIOCore

/// Runs async work for a synchronous caller, which waits for it.
///
/// The work runs on a thread of its own (a task executor), never on Swift's cooperative pool: the
/// caller may itself be a thread of that pool (a test, a web handler), and with every thread of
/// the pool waiting, work queued there would never run.
enum BlockingTask {
    static func run(_ work: @escaping @Sendable () async throws -> Void) throws {
        let executor = ThreadExecutor()
        defer { executor.stop() }
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task(executorPreference: executor) {
            do { try await work() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }
}

/// A task executor with one thread, which runs the jobs it is given in order until stopped.
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    init() {
        let thread = Thread { [self] in run() }
        thread.name = "fabrique.blocking"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread once the jobs queued so far have run.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Bytes handed from a synchronous producer (the calling thread) to an async consumer running on a
/// thread of its own, a few buffers at a time: the producer waits while `capacity` buffers are in
/// flight, so memory stays flat however fast it produces.
enum BlockingStream {
    static func run(
        capacity: Int = 4, consume: @escaping @Sendable (AsyncStream<ByteBuffer>, _ taken: @escaping @Sendable () -> Void) async throws -> Void,
        produce: (_ send: (ByteBuffer) throws -> Void) throws -> Void
    ) throws {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        let slots = DispatchSemaphore(value: capacity)
        let state = State()
        let executor = ThreadExecutor()
        defer { executor.stop() }
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: executor) {
            do { try await consume(stream) { slots.signal() } } catch { state.fail(error) }
            state.finish()
            // A producer waiting for a slot wakes up and sees that the consumer is gone.
            for _ in 0..<capacity + 1 { slots.signal() }
            done.signal()
        }
        do {
            try produce { buffer in
                slots.wait()
                if state.isFinished { throw state.error ?? CancellationError() }
                continuation.yield(buffer)
            }
            continuation.finish()
        } catch {
            continuation.finish()
            done.wait()
            throw state.error ?? error
        }
        done.wait()
        if let error = state.error { throw error }
    }

    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var failure: (any Error)?
        private var finished = false

        func fail(_ error: any Error) { lock.withLock { failure = error } }
        func finish() { lock.withLock { finished = true } }
        var error: (any Error)? { lock.withLock { failure } }
        var isFinished: Bool { lock.withLock { finished } }
    }
}

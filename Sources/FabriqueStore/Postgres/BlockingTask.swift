import Foundation

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

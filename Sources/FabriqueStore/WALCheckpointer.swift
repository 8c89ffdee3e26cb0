import Dispatch
import GRDB
import Synchronization

/// Copies the write-ahead log into the database file from a connection of its own, twice a
/// second, so that no commit does it. SQLite's automatic checkpoint runs inside the commit that
/// crosses 1,000 pages of log: under the web server's load that was one batch of submissions in
/// a few hundred waiting tens of milliseconds for a 4 MB copy and a sync. A passive checkpoint
/// never blocks the writer nor the readers; durability is unchanged (a commit is on disk once
/// its log is synced).
final class WALCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "fabrique.checkpoint", qos: .utility)
    private let stopped = Atomic<Bool>(false)
    static let interval = DispatchTimeInterval.milliseconds(500)

    init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "fabrique.checkpoint"
        connection = try DatabaseQueue(path: path, configuration: configuration)
        schedule()
    }

    /// Stops the checkpoints (the last connection to close checkpoints what is left).
    func stop() { stopped.store(true, ordering: .relaxed) }

    deinit { stop() }

    private func schedule() {
        queue.asyncAfter(deadline: .now() + Self.interval) { [weak self] in
            guard let self, !self.stopped.load(ordering: .relaxed) else { return }
            // A failed checkpoint (the file busy, say) is retried at the next tick.
            try? self.connection.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
            self.schedule()
        }
    }
}

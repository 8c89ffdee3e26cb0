import Foundation
import GRDB

/// The application database: migrations, every SQL statement, and transactions.
/// Each public write method is one transaction; reads go through the reader.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The log's checkpoints, when a server moved them off its commits.
    private let checkpointer: WALCheckpointer?

    /// Wraps a database connection and brings its schema up to date.
    public init(_ writer: any DatabaseWriter) throws {
        try self.init(writer, checkpointer: nil)
    }

    private init(_ writer: any DatabaseWriter, checkpointer: WALCheckpointer?) throws {
        self.writer = writer
        self.checkpointer = checkpointer
        do {
            let applied = try writer.read { db in try Self.migrator.appliedIdentifiers(db) }
            try SchemaVersion.checkNotNewer(applied: applied, database: writer.path)
            try Self.migrator.migrate(writer)
        } catch {
            throw wrap(error, doing: "migrating the database schema")
        }
    }

    /// The page size of the files `open(path:)` creates.
    static let pageSize = 8192

    /// Opens (or creates) the SQLite file at `path` in WAL mode. A server passes
    /// `backgroundCheckpoints`: the log is then copied into the file by a connection of its own
    /// (`WALCheckpointer`) rather than inside a commit, which keeps submissions' latency even.
    public static func open(path: String, backgroundCheckpoints: Bool = false) throws -> AppDatabase {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        // A commit acknowledged to a respondent must survive a crash or a power cut: with WAL,
        // FULL syncs the log at every commit (NORMAL would only survive a crash of the process).
        configuration.prepareDatabase { db in
            // A new file gets 8 KiB pages (an existing one keeps its own): a bulk import of rows
            // of some 90 values writes and splits a quarter of the pages, and scans read fewer.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)") }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Readers (tables, reports) scan whole response tables: memory-mapped reads skip a copy
            // of every page. The writer keeps plain reads, so an import's memory stays flat.
            if db.configuration.readonly { try db.execute(sql: "PRAGMA mmap_size = 2000000000") }
            if backgroundCheckpoints, !db.configuration.readonly { try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            return try AppDatabase(pool, checkpointer: backgroundCheckpoints ? try WALCheckpointer(path: path) : nil)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError
            where [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN].contains(error.resultCode) && DiskSpace.isFull(at: path)
        {
            throw StoreError.cannotOpen(
                path: path,
                reason: "the disk that holds it is full (SQLite needs room for its log even to open a file); "
                    + "free some space on that disk and try again")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_IOERR {
            throw StoreError.cannotOpen(
                path: path,
                reason: "the disk failed to read or write (\(error.message ?? "I/O error")); "
                    + "check the disk and the file's permissions, then try again")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            // A bulk import holds the file for its whole transaction (`BulkJournal`).
            throw StoreError.cannotOpen(
                path: path,
                reason: "another process is writing to it (a CSV import, most likely) and did not "
                    + "finish within 10 seconds; try again once it has finished")
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "SQLite code \(error.resultCode.rawValue)")
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// An empty in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try AppDatabase(DatabaseQueue(configuration: configuration))
    }

    /// A store error for `error`, naming this database's file when its disk is full or failing.
    func wrap(_ error: Error, doing: String) -> Error {
        StoreError.wrap(error, doing: doing, path: writer.path)
    }

    /// The identifiers of the migrations applied so far.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedIdentifiers(db).sorted() }
    }
}

extension AppDatabase {
    /// SQLite's journal mode (`wal` for files opened with `open(path:)`).
    public func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// SQLite's page size, in bytes.
    public func pageSize() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0 }
    }
}

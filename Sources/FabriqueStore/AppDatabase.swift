import Foundation
import GRDB

/// The application database: migrations, every SQL statement, and transactions.
/// Each public write method is one transaction; reads go through the reader.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter

    /// Wraps a database connection and brings its schema up to date.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw StoreError.wrap(error, doing: "migrating the database schema")
        }
    }

    /// Opens (or creates) the SQLite file at `path` in WAL mode.
    public static func open(path: String) throws -> AppDatabase {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        // A commit acknowledged to a respondent must survive a crash or a power cut: with WAL,
        // FULL syncs the log at every commit (NORMAL would only survive a crash of the process).
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Readers (tables, reports) scan whole response tables: memory-mapped reads skip a copy
            // of every page. The writer keeps plain reads, so an import's memory stays flat.
            if db.configuration.readonly { try db.execute(sql: "PRAGMA mmap_size = 2000000000") }
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            return try AppDatabase(pool)
        } catch let error as StoreError {
            throw error
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
}

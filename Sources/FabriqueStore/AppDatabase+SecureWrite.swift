import GRDB

extension AppDatabase {
    /// Runs `body` in one transaction with `PRAGMA secure_delete = ON`, so that SQLite overwrites
    /// deleted content with zeros instead of leaving it in free space; then, unless `dryRun`
    /// (rolled back) or `compact` is false, rebuilds the file (`VACUUM`, which drops older copies
    /// left in free pages by earlier updates) and truncates the write-ahead log. Used by every
    /// operation that removes personal data.
    func secureWrite<T>(doing: String, dryRun: Bool, compact: Bool = true, _ body: (Database) throws -> T) throws -> T {
        do {
            var result: T?
            try writer.writeWithoutTransaction { db in
                let previous = try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? 0
                try db.execute(sql: "PRAGMA secure_delete = ON")
                defer { try? db.execute(sql: "PRAGMA secure_delete = \(previous == 2 ? "FAST" : String(previous))") }
                try db.inTransaction {
                    result = try body(db)
                    return dryRun ? .rollback : .commit
                }
                guard !dryRun, compact else { return }
                try db.execute(sql: "VACUUM")
                // A server's readers may keep the log busy; the next checkpoint then truncates it.
                _ = try? Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            return result!
        } catch let error as PrivacyError {
            throw error
        } catch {
            throw wrap(error, doing: doing)
        }
    }
}

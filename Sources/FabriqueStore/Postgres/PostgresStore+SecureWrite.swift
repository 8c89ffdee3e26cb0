import PostgresNIO

extension PostgresStore {
    /// The tables every erasure and purge may change: a `VACUUM` of each follows the commit.
    static let personalTables = ["contact", "invitation", "response_edit"]

    /// Runs `body` in one transaction on one connection, rolled back when `dryRun`; after a commit,
    /// `VACUUM`s `personalTables` and the response tables `body` added to its set.
    ///
    /// PostgreSQL's counterpart of SQLite's `secure_delete` and `VACUUM`, as far as PostgreSQL goes.
    /// A deleted or updated row stays in its page as a dead version, which no query returns, until
    /// a vacuum. `VACUUM` (which cannot run inside a transaction, hence after the `COMMIT`, on the
    /// same connection) prunes those versions and their index entries now rather than at
    /// autovacuum's next pass (except those a transaction still running may see), and later rows
    /// reuse their space.
    ///
    /// What it does not remove: PostgreSQL does not zero the space it frees, so the bytes stay in
    /// the files of the table and of its indexes (a raw read of the file finds them) until later
    /// rows overwrite them; the write-ahead log keeps the old values until its segments are
    /// recycled (after the next checkpoints, later with WAL archiving or a replication slot);
    /// replicas and base backups keep their copies. `VACUUM FULL` would rewrite each table into new
    /// files, leaving nothing in the live ones, but it locks the table against every request while
    /// it runs, and the old blocks stay on the disk until reused.
    func secureWrite<T>(doing: String, dryRun: Bool, _ body: (PostgresConnection, inout Set<String>) throws -> T) throws -> T {
        do {
            return try pool.withConnection { connection in
                var responseTables: Set<String> = []
                try connection.run("BEGIN", logger)
                let result: T
                do {
                    result = try body(connection, &responseTables)
                    try connection.run(dryRun ? "ROLLBACK" : "COMMIT", logger)
                } catch {
                    _ = try? connection.run("ROLLBACK", logger)
                    throw error
                }
                guard !dryRun else { return result }
                for table in Self.personalTables + responseTables.sorted() {
                    try connection.run("VACUUM \(unescaped: AppDatabase.quoted(table))", logger)
                }
                return result
            }
        } catch let error as PrivacyError {
            throw error
        } catch {
            throw Self.wrap(error, doing: doing, location: location)
        }
    }
}

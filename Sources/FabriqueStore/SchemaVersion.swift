/// The schema's versions, the same on both engines: each engine applies the migrations of this list
/// it has not applied yet, in order, and records each one's identifier with it (SQLite in
/// `grdb_migrations`, PostgreSQL in `fabrique_migration`). A database that records an identifier
/// outside the list was migrated by a newer fabrique, and is refused untouched.
public enum SchemaVersion {
    /// Every migration, oldest first. A migration that has shipped is never edited or removed.
    public static let migrations = [
        "v1-foundation", "v2-responses", "v3-experience-search", "v4-codings", "v5-web", "v6-accounts", "v7-privacy"
    ]

    /// The error for a database whose applied migrations include some this fabrique does not know.
    static func checkNotNewer(applied: some Sequence<String>, database: String) throws {
        let unknown = applied.filter { !migrations.contains($0) }.sorted()
        if !unknown.isEmpty { throw StoreError.newerSchema(database: database, migrations: unknown) }
    }
}

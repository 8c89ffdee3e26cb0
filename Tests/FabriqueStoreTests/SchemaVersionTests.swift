import FabriqueStore
import FabriqueTestSupport
import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing

/// Migrations are versioned alike on both engines, and a database of a newer fabrique is refused untouched.
struct SchemaVersionTests {
    @Test func sqliteRecordsEveryMigrationAndRefusesANewerDatabase() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("d.sqlite").path
        #expect(try AppDatabase.open(path: path).appliedMigrations() == SchemaVersion.migrations.sorted())
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        try queue.close()
        #expect(throws: StoreError.newerSchema(database: path, migrations: ["v99-future"])) { try AppDatabase.open(path: path) }
    }

    @Test(.enabled(if: Engine.available.contains(.postgres))) func postgresRecordsEveryMigrationAndRefusesANewerDatabase() async throws {
        try await TestPostgres.withEmptyDatabase { location in
            let store = try PostgresStore.open(location)
            store.close()
            let configuration = PostgresConnection.Configuration(
                unixSocketPath: location.socketPath, username: location.user, password: location.password, database: location.database)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "test"))
            let applied = try await connection.query("SELECT identifier FROM fabrique_migration ORDER BY identifier", logger: Logger(label: "test"))
            var identifiers: [String] = []
            for try await identifier in applied.decode(String.self) { identifiers.append(identifier) }
            #expect(identifiers == SchemaVersion.migrations.sorted())
            try await connection.query("INSERT INTO fabrique_migration (identifier) VALUES ('v99-future')", logger: Logger(label: "test"))
            try await connection.close()
            #expect(throws: StoreError.newerSchema(database: location.description, migrations: ["v99-future"])) {
                try PostgresStore.open(location)
            }
        }
    }
}

import FabriqueStore
import Foundation
import Logging
import PostgresNIO

/// The engines the store's contract and the web routes are tested on: SQLite always, PostgreSQL
/// when `FABRIQUE_TEST_PG` names a server (`make test` starts a throwaway cluster and sets it:
/// scripts/pg-cluster.sh).
public enum Engine: String, Sendable, CaseIterable {
    case sqlite, postgres

    public static var available: [Engine] { TestPostgres.location == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// Runs `body` on an empty, migrated store of this engine (a new database for each call on PostgreSQL).
    public func withEmptyStore<T>(_ body: (any FabriqueStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite: return try await body(try AppDatabase.inMemory())
        case .postgres:
            return try await TestPostgres.withEmptyDatabase { location in
                let store = try PostgresStore.open(location)
                defer { store.close() }
                return try await body(store)
            }
        }
    }

    /// An empty, migrated store that lives as long as the caller keeps it (on PostgreSQL, a new
    /// database of the test cluster, removed with the cluster).
    public func emptyStore() async throws -> any FabriqueStore {
        switch self {
        case .sqlite: return try AppDatabase.inMemory()
        case .postgres: return try PostgresStore.open(try await TestPostgres.newDatabase())
        }
    }
}

/// The test cluster: a fresh database per test.
public enum TestPostgres {
    public static let location: PostgresLocation? = {
        guard let url = ProcessInfo.processInfo.environment["FABRIQUE_TEST_PG"], !url.isEmpty else { return nil }
        return try? PostgresLocation(url: url)
    }()

    struct NoCluster: Error, CustomStringConvertible {
        var description: String { "FABRIQUE_TEST_PG names no PostgreSQL server: run the tests with make test" }
    }

    /// A new empty database on the test cluster.
    public static func newDatabase() async throws -> PostgresLocation {
        guard let server = location else { throw NoCluster() }
        let name = "fabrique_t_\(UInt64.random(in: 0...UInt64.max))"
        try await admin(server, "CREATE DATABASE \(name)")
        var database = server
        database.database = name
        return database
    }

    /// A new empty database on the test cluster, for the length of `body`, dropped afterwards.
    public static func withEmptyDatabase<T>(_ body: (PostgresLocation) async throws -> T) async throws -> T {
        let database = try await newDatabase()
        let drop = "DROP DATABASE \(database.database) WITH (FORCE)"
        do {
            let result = try await body(database)
            try await admin(database, drop)
            return result
        } catch {
            try? await admin(database, drop)
            throw error
        }
    }

    /// Runs one statement as the cluster's owner, on its maintenance database.
    static func admin(_ server: PostgresLocation, _ sql: String) async throws {
        let configuration = PostgresConnection.Configuration(
            unixSocketPath: server.socketPath, username: server.user, password: server.password, database: "postgres")
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "test"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

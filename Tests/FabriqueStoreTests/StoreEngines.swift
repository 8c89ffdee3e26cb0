import FabriqueStore
import Foundation
import Logging
import PostgresNIO
import Testing

/// The engines the contract tests run on: SQLite always, PostgreSQL when `FABRIQUE_TEST_PG` names
/// a server (`make test` starts a throwaway cluster and sets it: scripts/pg-cluster.sh).
enum Engine: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    static var available: [Engine] { TestPostgres.location == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// The stores of the contract, as the modules see them.
    typealias Store = AccountStore & ReferentialStore

    /// Runs `body` on an empty, migrated store of this engine (a new database for each call on PostgreSQL).
    func withEmptyStore<T>(_ body: (any Store) throws -> T) async throws -> T {
        switch self {
        case .sqlite: return try body(try AppDatabase.inMemory())
        case .postgres:
            return try await TestPostgres.withEmptyDatabase { location in
                let store = try PostgresStore.open(location)
                defer { store.close() }
                return try body(store)
            }
        }
    }
}

/// The test cluster: a fresh database per test, dropped afterwards.
enum TestPostgres {
    static let location: PostgresLocation? = {
        guard let url = ProcessInfo.processInfo.environment["FABRIQUE_TEST_PG"], !url.isEmpty else { return nil }
        return try? PostgresLocation(url: url)
    }()

    /// A new empty database on the test cluster, for the length of `body`.
    static func withEmptyDatabase<T>(_ body: (PostgresLocation) async throws -> T) async throws -> T {
        let server = try #require(location)
        let name = "fabrique_t_\(UInt64.random(in: 0...UInt64.max))"
        try await admin(server, "CREATE DATABASE \(name)")
        var database = server
        database.database = name
        do {
            let result = try await body(database)
            try await admin(server, "DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await admin(server, "DROP DATABASE \(name) WITH (FORCE)")
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

/// CI must not pass the contract on SQLite alone because the cluster failed to start.
struct StoreEnginesTests {
    @Test func ciRunsThePostgreSQLContract() {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(Engine.available.contains(.postgres), "make test sets FABRIQUE_TEST_PG; CI must run the PostgreSQL contract")
        }
    }
}

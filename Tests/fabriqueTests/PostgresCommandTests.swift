import FabriqueTestSupport
import Foundation
import Testing

/// The command line on PostgreSQL (`--db postgres://…`), against the throwaway cluster of `make test`
/// (`FABRIQUE_TEST_PG`): the demo study run end to end on both engines gives the same reports and
/// exports, byte for byte, and `db copy` moves it both ways.
struct PostgresCommandTests {
    let cli: CommandRunner
    init() throws { cli = try CommandRunner() }

    static let server = ProcessInfo.processInfo.environment["FABRIQUE_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }

    /// A new database on the test cluster (through psql, as an administrator would), and its address.
    static func newDatabase() throws -> String {
        let server = try #require(Self.server)
        let components = try #require(URLComponents(string: server))
        let socket = try #require(components.queryItems?.first { $0.name == "host" }?.value)
        let name = "fabrique_cli_\(UInt32.random(in: 0...UInt32.max))"
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = ["-q", "-h", socket, "-U", components.user ?? "fabrique", "-d", "postgres", "-c", "CREATE DATABASE \(name)"]
        let (status, _, error) = try CommandRunner.capture(psql)
        guard status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(decoding: error, as: UTF8.self)]) }
        return "postgres://\(components.user ?? "fabrique")@/\(name)?host=\(socket)"
    }

    @Test(.enabled(if: server != nil)) func theDemoStudyGivesTheSameReportsOnBothEngines() throws {
        let dir = try TemporaryDirectory()
        let sqlite = dir.path("d.sqlite")
        let postgres = try Self.newDatabase()
        let asOf = ["--as-of", "2026-06-15"]
        for db in [sqlite, postgres] { #expect(try cli.run(["init", "--db", db]).status == 0) }
        let generate = ["demo", "generate-responses", "--survey", "coordination", "--count", "300", "--seed", "42"]
        try cli.run(generate + ["--db", sqlite, "--out", dir.path("r.csv")] + asOf)
        for db in [sqlite, postgres] {
            let imported = try cli.run(["import", "responses", "--db", db, "--survey", "coordination", dir.path("r.csv")] + asOf)
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(try cli.run(["report", "regions", "--db", db, "--out", dir.path(db == sqlite ? "lite" : "pg")] + asOf).status == 0)
            try cli.run(["export", "responses", "--db", db, "--survey", "coordination", "--out", dir.path(db == sqlite ? "lite.csv" : "pg.csv")])
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: dir.path("lite")).sorted()
        #expect(files.contains("grand-est.md") && files.contains("france.md"))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: dir.path("pg")).sorted() == files)
        for file in files where !file.hasSuffix("/") {
            #expect(
                FileManager.default.contents(atPath: dir.path("lite/" + file)) == FileManager.default.contents(atPath: dir.path("pg/" + file)),
                "\(file)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("lite.csv"))) == Data(contentsOf: URL(fileURLWithPath: dir.path("pg.csv"))))
        let table = ["table", "--survey", "coordination", "--rows", "region", "--cols", "approche", "--format", "csv"]
        #expect(try cli.run(table + ["--db", sqlite]).stdout == (try cli.run(table + ["--db", postgres]).stdout))

        // Both ways: SQLite into a new PostgreSQL database, and that one back into a new file.
        let copy = try Self.newDatabase()
        let there = try cli.run(["db", "copy", "--from", sqlite, "--to", copy])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("responses_coordination  300"))
        #expect(try cli.run(["db", "copy", "--from", copy, "--to", dir.path("back.sqlite")]).status == 0)
        for db in [copy, dir.path("back.sqlite")] {
            try cli.run(["export", "responses", "--db", db, "--survey", "coordination", "--out", dir.path("again.csv")])
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("again.csv"))) == Data(contentsOf: URL(fileURLWithPath: dir.path("lite.csv"))))
        }
        let refused = try cli.run(["db", "copy", "--from", sqlite, "--to", copy])
        #expect(refused.status == 1 && refused.stderr.contains("already holds data"), "\(refused.stderr)")
    }

    @Test func anUnreachableServerIsNamedWithWhatToCheckAndNoPassword() throws {
        let start = Date()
        let run = try cli.run(["user", "list", "--db", "postgres://staff:s3cret-value@127.0.0.1:1/fabrique"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot connect to the PostgreSQL database postgres://staff@127.0.0.1:1/fabrique"), "\(run.stderr)")
        #expect(run.stderr.contains("pg_isready"))
        #expect(!run.stderr.contains("s3cret-value") && !run.stdout.contains("s3cret-value"))
        #expect(Date().timeIntervalSince(start) < 10)
        let socket = try TemporaryDirectory()
        let missing = try cli.run(["init", "--db", "postgres://fabrique@/study?host=\(socket.url.path)"])
        #expect(missing.status == 1 && missing.stderr.contains(".s.PGSQL.5432"), "\(missing.stderr)")
    }

    @Test func aBadAddressIsExplained() throws {
        let run = try cli.run(["user", "list", "--db", "postgres://fabrique@localhost/db?sslmode=sometimes&password=hunter2"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("sslmode 'sometimes'") && !run.stderr.contains("hunter2"), "\(run.stderr)")
    }

    @Test(.enabled(if: server != nil)) func aWrongPasswordIsRefusedWithoutShowingIt() throws {
        let database = try Self.newDatabase()
        let run = try cli.run(["user", "list", "--db", database], environment: ["PGPASSWORD": "not-the-password"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("password") && !run.stderr.contains("not-the-password"), "\(run.stderr)")
    }
}

import FabriqueStore
import Testing

/// `postgres://` addresses read as libpq reads them, and never shown with their password.
struct PostgresLocationTests {
    @Test func anAddressGivesEachPartAndTheEnvironmentTheRest() throws {
        let full = try PostgresLocation(
            url: "postgresql://ana:p%40ss@db.example.org:6543/etude?sslmode=verify-full&sslrootcert=/ca.pem", environment: [:])
        #expect(full.user == "ana" && full.password == "p@ss" && full.host == "db.example.org" && full.port == 6543)
        #expect(full.database == "etude" && full.sslMode == .verifyFull && full.sslRootCert == "/ca.pem" && !full.isUnixSocket)
        #expect(full.description == "postgres://ana@db.example.org:6543/etude")

        let environment = ["PGPASSWORD": "secret", "PGPORT": "5433", "PGUSER": "bruno", "PGSSLMODE": "require"]
        let short = try PostgresLocation(url: "postgres://db/etude", environment: environment)
        #expect(short.user == "bruno" && short.password == "secret" && short.port == 5433 && short.sslMode == .require)
        #expect(try PostgresLocation(url: "postgres://ana@db/etude", environment: [:]).sslMode == .prefer)
        #expect(try PostgresLocation(url: "postgres://ana@db", environment: ["PGDATABASE": "base"]).database == "base")
        #expect(try PostgresLocation(url: "postgres://ana@db", environment: [:]).database == "ana")

        let socket = try PostgresLocation(url: "postgres://ana@/etude?host=/run/postgresql&port=5544", environment: ["PGHOST": "ignored"])
        #expect(socket.isUnixSocket && socket.socketPath == "/run/postgresql/.s.PGSQL.5544")
        #expect(socket.description == "postgres://ana@/etude?host=/run/postgresql")
        #expect(try PostgresLocation(url: "postgres://ana@/etude", environment: ["PGHOST": "/tmp"]).socketPath == "/tmp/.s.PGSQL.5432")
    }

    @Test func aBadAddressIsRefusedWithoutItsPassword() {
        for (url, reason) in [
            ("postgres://ana:hunter2@db/etude?sslmode=sometimes", "sslmode 'sometimes'"),
            ("postgres://ana:hunter2@db:99999/etude", "the port '99999'"),
            ("postgres://ana:hunter2@db/etude?options=-c", "unknown parameter 'options'"),
            ("mysql://ana:hunter2@db/etude", "postgres://USER@HOST")
        ] {
            #expect {
                try PostgresLocation(url: url, environment: [:])
            } throws: { error in
                let text = "\(error.localizedDescription)"
                return text.contains(reason) && !text.contains("hunter2") && text.contains("***")
            }
        }
        #expect(
            PostgresLocation.redacted("postgres://ana:hunter2@db/e?password=hunter2&sslmode=require")
                == "postgres://ana:***@db/e?password=***&sslmode=require")
        #expect(PostgresLocation.isURL("postgres://x") && PostgresLocation.isURL("postgresql://x") && !PostgresLocation.isURL("fabrique.sqlite"))
    }
}

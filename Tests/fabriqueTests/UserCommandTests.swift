import FabriqueTestSupport
import Foundation
import Testing

/// Staff accounts from the command line: an existing name is refused, `--reset` sets its
/// password and its role.
struct UserCommandTests {
    let cli: CommandRunner
    init() throws { cli = try CommandRunner() }

    @Test func resetSetsThePasswordAndTheRoleOfAnExistingAccount() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        #expect(try cli.run(["init", "--db", db]).status == 0)
        let first = try cli.run(["user", "add", "lea", "--db", db, "--role", "staff", "--generate-password"])
        #expect(first.status == 0 && first.stdout.contains("Password for lea: "))
        let again = try cli.run(["user", "add", "lea", "--db", db, "--role", "admin", "--generate-password"])
        #expect(again.status != 0)
        #expect(try SQLiteShell.run(db, "SELECT role FROM app_user WHERE name = 'lea';") == "staff\n")
        let reset = try cli.run(["user", "add", "lea", "--db", db, "--role", "admin", "--generate-password", "--reset"])
        #expect(reset.status == 0)
        let password = { (outcome: CommandRunner.Outcome) in outcome.stdout.components(separatedBy: "Password for lea: ").last?.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(password(reset) != password(first))
        #expect(try SQLiteShell.run(db, "SELECT role FROM app_user WHERE name = 'lea';") == "admin\n")
        let list = try cli.run(["user", "list", "--db", db]).stdout
        #expect(list.contains("lea") && list.contains("admin") && !list.contains("staff"))
        // A new name with --reset is simply added.
        #expect(try cli.run(["user", "add", "noe", "--db", db, "--role", "researcher", "--generate-password", "--reset"]).status == 0)
        #expect(try SQLiteShell.run(db, "SELECT role FROM app_user WHERE name = 'noe';") == "researcher\n")
    }
}

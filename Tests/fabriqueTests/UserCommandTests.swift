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
        let password = { (outcome: CommandRunner.Outcome) in
            outcome.stdout.components(separatedBy: "Password for lea: ").last?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(password(reset) != password(first))
        #expect(try SQLiteShell.run(db, "SELECT role FROM app_user WHERE name = 'lea';") == "admin\n")
        let list = try cli.run(["user", "list", "--db", db]).stdout
        #expect(list.contains("lea") && list.contains("admin") && !list.contains("staff"))
        // A new name with --reset is simply added.
        #expect(try cli.run(["user", "add", "noe", "--db", db, "--role", "researcher", "--generate-password", "--reset"]).status == 0)
        #expect(try SQLiteShell.run(db, "SELECT role FROM app_user WHERE name = 'noe';") == "researcher\n")
    }
}

/// fabrique finds the data it ships with from any folder.
struct DataFolderTests {
    @Test func initWorksFromAnotherFolder() throws {
        let cli = try CommandRunner()
        let dir = try TemporaryDirectory()
        let outcome = try cli.run(["init", "--db", dir.path("f.sqlite")], in: dir.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Seeds loaded."))
        // A folder given explicitly that does not exist is still an error that names it.
        let missing = try cli.run(["init", "--db", dir.path("g.sqlite"), "--surveys", dir.path("absent")], in: dir.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains(dir.path("absent")))
    }

    /// `make install`'s layout: the binary in PREFIX/bin, its data in PREFIX/share/fabrique, found
    /// from any folder; without that data, the command says what it did not find.
    @Test func initWorksFromAnInstalledLayout() throws {
        let built = try CommandRunner()
        let prefix = try TemporaryDirectory()
        let files = FileManager.default
        let bin = prefix.url.appendingPathComponent("bin")
        let share = prefix.url.appendingPathComponent("share/fabrique")
        try files.createDirectory(at: bin, withIntermediateDirectories: true)
        try files.createDirectory(at: share, withIntermediateDirectories: true)
        try files.copyItem(at: built.executable, to: bin.appendingPathComponent("fabrique"))
        for folder in ["seeds", "surveys", "analyses"] {
            try files.copyItem(at: Fixtures.projectRoot.appendingPathComponent(folder), to: share.appendingPathComponent(folder))
        }
        let installed = CommandRunner(executable: bin.appendingPathComponent("fabrique"))
        let elsewhere = try TemporaryDirectory()
        let outcome = try installed.run(["init", "--db", elsewhere.path("f.sqlite")], in: elsewhere.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Seeds loaded."))
        try files.removeItem(at: share)
        let without = try installed.run(["init", "--db", elsewhere.path("g.sqlite")], in: elsewhere.url)
        #expect(without.status != 0)
        #expect(without.stderr.contains("seeds"), "\(without.stderr)")
    }
}

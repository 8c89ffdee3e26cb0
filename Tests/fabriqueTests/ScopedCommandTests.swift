import FabriqueTestSupport
import Foundation
import Testing

/// `--as ACCOUNT`: the read commands see only what the account's scope lets it see on the web.
struct ScopedCommandTests {
    @Test func readCommandsKeepToTheAccountsScope() throws {
        let cli = try CommandRunner()
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        func run(_ arguments: [String]) throws -> CommandRunner.Outcome { try cli.run(arguments + ["--db", db]) }
        #expect(try run(["init"]).status == 0)
        #expect(
            try run([
                "demo", "generate-responses", "--survey", "coordination", "--count", "150", "--seed", "4", "--as-of", "2026-06-15",
                "--out", dir.path("r.csv")
            ]).status == 0)
        #expect(try run(["import", "responses", "--survey", "coordination", dir.path("r.csv"), "--as-of", "2026-06-15"]).status == 0)
        #expect(try run(["contacts", "import", Fixtures.path("seeds/demo/contacts.csv")]).status == 0)
        #expect(try run(["user", "add", "ireps", "--role", "staff", "--generate-password"]).status == 0)
        #expect(try run(["user", "scope", "ireps", "--region", "44", "--survey", "coordination"]).status == 0)

        let all = try run(["export", "responses", "--survey", "coordination", "--format", "json"]).stdout
        let scoped = try run(["export", "responses", "--survey", "coordination", "--format", "json", "--as", "ireps"])
        #expect(scoped.status == 0, "\(scoped.stderr)")
        let regionsOf = { (json: String) -> [String] in
            let rows = (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]) ?? []
            return rows.compactMap { ($0["answers"] as? [String: Any])?["region"] as? String }
        }
        #expect(Set(regionsOf(scoped.stdout)) == ["44"])
        #expect(regionsOf(scoped.stdout).count == regionsOf(all).filter { $0 == "44" }.count)
        #expect(Set(regionsOf(all)).count > 1)

        let table = try run(["table", "--survey", "coordination", "--rows", "region", "--format", "csv", "--as", "ireps"])
        #expect(table.status == 0, "\(table.stderr)")
        // Every region is a row of the table; only the scope's has responses.
        let counts = table.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(2).map(String.init) }
        #expect(counts.contains { $0 == ["Grand Est", "0"] } == false)
        #expect(counts.filter { $0.count == 2 && $0[0] != "Grand Est" && !$0[0].hasPrefix("Total") }.allSatisfy { $0[1] == "0" })

        let contacts = try run(["contacts", "list", "--as", "ireps"])
        #expect(contacts.status == 0)
        let allContacts = try run(["contacts", "list"]).stdout
        #expect(contacts.stdout.split(separator: "\n").count < allContacts.split(separator: "\n").count)
        #expect(contacts.stdout.split(separator: "\n").dropFirst(2).allSatisfy { $0.contains(" 44 ") })
        #expect(try run(["contacts", "list", "--region", "11", "--as", "ireps"]).status == 1)

        let unknown = try run(["export", "responses", "--survey", "coordination", "--as", "personne"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no account named 'personne'"))
    }
}

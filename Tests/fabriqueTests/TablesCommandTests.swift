import FabriqueTestSupport
import Foundation
import Testing

/// `fabrique analysis validate`, `fabrique table` and `fabrique tables` on the demo data.
@Suite(.serialized)
struct TablesCommandTests {
    let cli: CommandRunner
    init() throws { cli = try CommandRunner() }

    /// A database with the seeds and 300 generated responses.
    func database() throws -> (TemporaryDirectory, String) {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        try cli.run(["init", "--db", db])
        try cli.run([
            "demo", "generate-responses", "--db", db, "--survey", "coordination", "--count", "300", "--seed", "6", "--as-of", "2026-06-15", "--out",
            dir.path("r.csv")
        ])
        try cli.run(["import", "responses", "--db", db, "--survey", "coordination", dir.path("r.csv"), "--as-of", "2026-06-15"])
        return (dir, db)
    }

    @Test func theCoordinationSpecIsValidAndAnUnknownQuestionIsLocated() throws {
        let (dir, db) = try database()
        #expect(try cli.run(["analysis", "validate", "--db", db, "analyses/coordination.yaml"]).status == 0)
        let spec = try Fixtures.text("analyses/coordination.yaml").replacingOccurrences(
            of: "variables: [etp_coordination]\n    by: region", with: "variables: [etp_coordination]\n    by: regionn")
        try spec.write(toFile: dir.path("spec.yaml"), atomically: true, encoding: .utf8)
        let outcome = try cli.run(["analysis", "validate", "--db", db, dir.path("spec.yaml")])
        #expect(outcome.status == 1)
        let line = try #require(spec.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("by: regionn") }) + 1
        #expect(
            outcome.stderr.contains("spec.yaml:\(line):9: table 'etp-region' groups by 'regionn', which is not a question of survey 'coordination'"))
    }

    @Test func tablesForARegionWriteMarkdownAndCSV() throws {
        let (dir, db) = try database()
        let md = try cli.run(["tables", "--db", db, "analyses/coordination.yaml", "--region", "44", "--out", dir.path("out")])
        #expect(md.status == 0, "\(md.stderr)")
        let text = try String(contentsOfFile: dir.path("out/coordination-44.md"), encoding: .utf8)
        #expect(text.hasPrefix("# Enquête nationale sur la coordination des démarches territoriales de santé : Grand Est"))
        #expect(text.contains("## Temps de coordination (ETP) selon la région"))
        #expect(text.contains("Secret statistique"))
        let csv = try cli.run(["tables", "--db", db, "analyses/coordination.yaml", "--format", "csv", "--out", dir.path("csv")])
        #expect(csv.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.path("csv/coordination-structure-porteuse.csv")))
        let json = try cli.run(["tables", "--db", db, "analyses/coordination.yaml", "--format", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 34)
    }

    @Test func oneTableAsJSON() throws {
        let (dir, db) = try database()
        _ = dir
        let outcome = try cli.run(["table", "--db", db, "--survey", "coordination", "--rows", "structure_porteuse", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(json["question"] as? String == "structure_porteuse")
        #expect(json["n"] as? Int == 300)
        let unknown = try cli.run(["table", "--db", db, "--survey", "coordination", "--rows", "nulle"])
        #expect(unknown.status == 1 && unknown.stderr.contains("has no question 'nulle'"))
    }
}

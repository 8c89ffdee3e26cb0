import FabriqueTestSupport
import Foundation
import Testing

/// `fabrique report audit` and the audit `report regions` runs, on the demo study (`make demo`'s 500
/// generated responses, seed 42, on a fixed date).
struct ReportAuditCommandTests {
    let cli: CommandRunner
    init() throws { cli = try CommandRunner() }

    @Test func theDemoStudyPassesItsAuditAndGrandEstKeepsItsKeyFigures() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("d.sqlite")
        let asOf = ["--as-of", "2026-06-15"]
        try cli.run(["init", "--db", db])
        try cli.run(
            ["demo", "generate-responses", "--db", db, "--survey", "coordination", "--count", "500", "--seed", "42", "--out", dir.path("r.csv")]
                + asOf)
        #expect(try cli.run(["import", "responses", "--db", db, "--survey", "coordination", dir.path("r.csv")] + asOf).status == 0)
        let audit = try cli.run(["report", "audit", "--db", db] + asOf)
        #expect(audit.status == 0)
        #expect(audit.stdout.contains("No hidden cell can be narrowed beyond its rule."))
        let json = try cli.run(["report", "audit", "--db", db, "--region", "44", "--format", "json"] + asOf)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["unsafe"] as? [Any])?.isEmpty == true)
        #expect((object["suppressed"] as? Int ?? 0) > 0)
        // The report the issue of record found hiding its own key figure: every key figure published.
        let out = dir.path("reports")
        #expect(try cli.run(["report", "regions", "--db", db, "--region", "44", "--out", out] + asOf).status == 0)
        let report = try String(contentsOfFile: out + "/grand-est.md", encoding: .utf8)
        let figures = report.components(separatedBy: "## Chiffres clés")[1].components(separatedBy: "##")[0]
            .split(separator: "\n").filter { $0.hasPrefix("- ") && $0.contains("(France") }
        #expect(figures.count == 5)
        #expect(figures.allSatisfy { !$0.contains("**s**") }, "\(figures)")
    }

    @Test func theAuditRejectsAFormatItDoesNotWrite() throws {
        let run = try cli.run(["report", "audit", "--format", "csv"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--format takes table or json"))
    }
}

import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

/// The CLI as a user runs it: exit statuses, located messages, idempotent init, reproducible data.
@Suite(.serialized)
struct CommandLineTests {
    let cli: CommandRunner
    init() throws { cli = try CommandRunner() }

    @Test func coordinationQuestionnaireValidates() throws {
        let outcome = try cli.run(["survey", "validate", "surveys/coordination.yaml"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("valid"))
    }

    @Test func unknownQuestionInAnExpressionExitsOneWithItsPosition() throws {
        let dir = try TemporaryDirectory()
        let original = try Fixtures.text("surveys/coordination.yaml")
        let edited = original.replacingOccurrences(of: "count-selected(${demarches}) > 1", with: "count-selected(${demarche_inconnue}) > 1")
        #expect(edited != original)
        try edited.write(toFile: dir.path("copie.yaml"), atomically: true, encoding: .utf8)
        let outcome = try cli.run(["survey", "validate", dir.path("copie.yaml")])
        #expect(outcome.status == 1)
        let line = try #require(outcome.stderr.split(separator: "\n").first { $0.contains("demarche_inconnue") })
        // FILE:LINE:COLUMN: message, where LINE holds the reference and COLUMN points at it.
        let parts = line.split(separator: ":", maxSplits: 3)
        let lineNumber = try #require(Int(parts[1]))
        let column = try #require(Int(parts[2]))
        let sourceLine = Array(edited.split(separator: "\n", omittingEmptySubsequences: false))[lineNumber - 1]
        #expect(Array(sourceLine.unicodeScalars)[(column - 1)...].starts(with: "${demarche_inconnue}".unicodeScalars))
        #expect(line.contains("unknown question 'demarche_inconnue'"))
    }

    @Test func unreadableFileIsABadInput() throws {
        let outcome = try cli.run(["survey", "validate", "absent.yaml"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("cannot read absent.yaml"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try cli.run(["survey", "validate"]).status == 2)
        #expect(try cli.run(["init", "--format", "xml"]).status == 2)
        #expect(try cli.run(["nonsense"]).status == 2)
    }

    @Test func surveyShowPrintsTheOutline() throws {
        let outcome = try cli.run(["survey", "show", "surveys/coordination.yaml"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("[sante_mentale]"))
        #expect(outcome.stdout.contains("shown if: count-selected(${demarches}) > 1"))
        let json = try cli.run(["survey", "show", "surveys/coordination.yaml", "--format", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(decoded?["id"] as? String == "coordination")
    }

    func dump(_ path: String) throws -> String {
        try SQLiteShell.run(path, ".dump")
    }

    @Test func initTwiceLeavesTheSameDatabase() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        let first = try cli.run(["--db", db, "init"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Seeds loaded."))
        let before = try dump(db)
        #expect(before.contains("INSERT INTO experience"))
        let second = try cli.run(["init", "--db", db, "--format", "json"])
        #expect(second.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: [String: Int]]
        #expect(report?["regions"]?["unchanged"] == 18)
        #expect(report?.values.allSatisfy { $0["inserted"] == 0 && $0["updated"] == 0 } == true)
        #expect(try dump(db) == before)
        let third = try cli.run(["init"], environment: ["FABRIQUE_DB": db])
        #expect(third.stdout.contains("Nothing changed"))
    }

    @Test func initReportsEveryBadSeedFile() throws {
        let dir = try TemporaryDirectory()
        let surveys = dir.url.appendingPathComponent("surveys")
        try FileManager.default.createDirectory(at: surveys, withIntermediateDirectories: true)
        try "id: x\nversion: \"1\"\ntitle: X\nsections:\n  - name: s\n    title: S\n    questions:\n      - {name: q, type: texte, label: Q}\n"
            .write(to: surveys.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        let outcome = try cli.run(["init", "--db", dir.path("f.sqlite"), "--seeds", Fixtures.path("seeds"), "--surveys", surveys.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("x.yaml:8:25: unknown type 'texte'"))
        #expect(!outcome.stderr.contains("has no questions"))
    }

    @Test func generatedResponsesAreReproducibleAndComplete() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        try cli.run(["init", "--db", db])
        let arguments = [
            "demo", "generate-responses", "--db", db, "--survey", "coordination", "--count", "120", "--seed", "5", "--as-of", "2026-06-15"
        ]
        #expect(try cli.run(arguments + ["--out", dir.path("a.csv")]).status == 0)
        #expect(try cli.run(arguments + ["--out", dir.path("b.csv")]).status == 0)
        let a = try String(contentsOfFile: dir.path("a.csv"), encoding: .utf8)
        #expect(a == (try String(contentsOfFile: dir.path("b.csv"), encoding: .utf8)))
        let lines = a.split(separator: "\n")
        #expect(lines.count == 121)
        let survey = try Fixtures.coordinationSurvey()
        #expect(lines[0] == Substring((["response_id"] + survey.fields.map(\.name)).joined(separator: ",")))
        let missing = try cli.run(["demo", "generate-responses", "--db", db, "--survey", "absente", "--count", "1", "--out", "-"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no survey 'absente'"))
    }
}

import FabriqueTestSupport
import Foundation
import Testing

/// `survey import` and `survey export` as a user runs them.
struct SurveyInteropCommandTests {
    static let fixtures = Fixtures.projectRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    static let hasFixtures = FileManager.default.fileExists(atPath: fixtures.path)

    @Test func exportThenImportGivesAValidQuestionnaire() throws {
        let runner = try CommandRunner()
        let folder = try TemporaryDirectory()
        let export = try runner.run(["survey", "export", "coordination", "--xlsform", folder.path("coordination.xlsx")])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("XLSForm of survey 'coordination'"))
        let back = try runner.run(["survey", "import", folder.path("coordination.xlsx"), "--out", folder.path("back.yaml")])
        #expect(back.status == 0, "\(back.stderr)")
        let validate = try runner.run(["survey", "validate", folder.path("back.yaml")])
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("survey 'coordination'"))
        let again = try runner.run(["survey", "import", folder.path("coordination.xlsx"), "--out", folder.path("back.yaml")])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists: give --force"))
    }

    @Test(.enabled(if: hasFixtures, "../shared/fixtures is absent"))
    func unsupportedConstructsFailWithTheirCellsAndSkippingWritesTheRest() throws {
        let runner = try CommandRunner()
        let folder = try TemporaryDirectory()
        let source = Self.fixtures.appendingPathComponent("xlsform/onadata__tutorial.xlsx").path
        let refused = try runner.run(["survey", "import", source, "--out", folder.path("t.yaml")])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("onadata__tutorial.xlsx:survey!A7: 'geopoint': fabrique has no location questions"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("t.yaml")))
        let skipped = try runner.run(["survey", "import", source, "--from", "xlsform", "--skip-unsupported", "--out", folder.path("t.yaml")])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.contains("Left out"))
        #expect(try runner.run(["survey", "validate", folder.path("t.yaml")]).status == 0)
    }

    @Test func aFileOfNoKnownKindSaysWhichOptionToGive() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(Array("a,b\n1,2\n".utf8), to: "x.csv")
        let outcome = try CommandRunner().run(["survey", "import", path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("give --from xlsform"))
    }
}

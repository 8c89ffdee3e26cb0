import FabriqueTestSupport
import Foundation
import Testing

/// `export responses --format sav|dta`: a file, or a pipe, of the responses the account may read;
/// options that only CSV takes and folders that cannot be written are refused with a clear message.
struct ExportDatasetCommandTests {
    let cli: CommandRunner
    let dir: TemporaryDirectory
    let db: String

    init() throws {
        cli = try CommandRunner()
        dir = try TemporaryDirectory()
        db = dir.path("f.sqlite")
        #expect(try run(["init"]).status == 0)
        let generated = try run([
            "demo", "generate-responses", "--survey", "coordination", "--count", "60", "--seed", "9", "--as-of", "2026-06-15",
            "--out", dir.path("r.csv")
        ])
        #expect(generated.status == 0)
        #expect(try run(["import", "responses", "--survey", "coordination", dir.path("r.csv"), "--as-of", "2026-06-15"]).status == 0)
    }

    func run(_ arguments: [String]) throws -> CommandRunner.Outcome {
        try cli.run(arguments + ["--db", db])
    }

    @Test func anSPSSFileHoldsEveryResponseAndTheChangesGoToStandardError() throws {
        let path = dir.path("reponses.sav")
        let outcome = try run(["export", "responses", "--survey", "coordination", "--format", "sav", "--out", path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(4) == Data("$FL2".utf8))
        // The only change SPSS needs here is the survey's title, over its 64 bytes of file label.
        #expect(outcome.stderr.contains("warning: file label shortened to SPSS's 64 bytes"))
        let file = try DatasetReadBack.read(path)
        #expect(file.meta.rows == 60)
        #expect(file.meta.variables.prefix(4).map(\.name) == ["response_id", "survey_version", "origin", "demarches___cls"])
    }

    @Test func aStataFileGoesToAPipeAndKeepsToTheAccountsScope() throws {
        let piped = try run(["export", "responses", "--survey", "coordination", "--format", "dta"])
        #expect(piped.status == 0)
        #expect(piped.stdout.hasPrefix("<stata_dta><header><release>118</release>"))
        // Stata keeps 80 characters of a label and 32 of a name: each change names its variable.
        #expect(piped.stderr.contains("warning: etp_coordination: variable label shortened to Stata's 80 characters"))
        #expect(piped.stderr.contains("note: 'fabrique export dictionary --survey coordination' gives every label whole"))

        #expect(try run(["user", "add", "ireps", "--role", "staff", "--generate-password"]).status == 0)
        #expect(try run(["user", "scope", "ireps", "--region", "44", "--survey", "coordination"]).status == 0)
        let path = dir.path("grand-est.dta")
        let scoped = try run(["export", "responses", "--survey", "coordination", "--format", "dta", "--out", path, "--as", "ireps"])
        #expect(scoped.status == 0, "\(scoped.stderr)")
        let file = try DatasetReadBack.read(path)
        let regions = file.values("region")
        #expect(!regions.isEmpty && regions.allSatisfy { $0 == .number(44) })
    }

    /// `script` (util-linux) gives the command a terminal as its standard output.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux's script is absent"))
    func aBinaryFileIsNeverWrittenToATerminal() throws {
        let command = [cli.executable.path, "export", "responses", "--survey", "coordination", "--format", "dta", "--db", db]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command.map { "'\($0)'" }.joined(separator: " "), "/dev/null"]
        let (status, output, _) = try CommandRunner.capture(process)
        #expect(status == 2)
        #expect(String(decoding: output, as: UTF8.self).contains("a .dta file is binary: give --out FILE, or redirect the output"))
    }

    @Test func csvOnlyOptionsAndUnwritableFoldersAreRefused() throws {
        let labels = try run(["export", "responses", "--survey", "coordination", "--format", "sav", "--labels", "--out", dir.path("x.sav")])
        #expect(labels.status == 2)
        #expect(labels.stderr.contains("--labels applies to csv and json"))
        let split = try run(["export", "responses", "--survey", "coordination", "--format", "dta", "--multiple", "split"])
        #expect(split.stderr.contains("--multiple split applies to csv and json"))
        let path = dir.path("absent/reponses.sav")
        let unwritable = try run(["export", "responses", "--survey", "coordination", "--format", "sav", "--out", path])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.contains("cannot write \(path): check that the folder exists and is writable"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("absent")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("x.sav")))
    }
}

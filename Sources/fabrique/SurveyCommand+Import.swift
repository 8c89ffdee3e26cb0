import ArgumentParser
import FabriqueCore
import FabriqueFormats
import Foundation

extension SourceKind: ExpressibleByArgument {}

extension SurveyCommand {
    /// `fabrique survey import FILE`: another tool's questionnaire as a fabrique one.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a questionnaire from an XLSForm (.xlsx), a REDCap data dictionary (.csv) or a LimeSurvey structure (.txt).",
            discussion: """
                Variable names and choice codes are kept exactly, so that the tool's exports then import by name. \
                What fabrique cannot represent (repeats, locations, media, external choices, unknown functions…) is listed \
                as FILE:SHEET!CELL or FILE:LINE:COLUMN with what to do, and nothing is written, unless --skip-unsupported is given.
                """
        )

        @Argument(help: ArgumentHelp("The file to read.", valueName: "file"))
        var file: String

        @Option(help: "The tool that wrote the file: xlsform, redcap or limesurvey (detected from the file when omitted).")
        var from: SourceKind?

        @Option(help: "The language of the labels to take, such as fr or en (French by default when the file has it).")
        var language: String?

        @Option(help: ArgumentHelp("Where to write the questionnaire (default: surveys/ID.yaml).", valueName: "path"))
        var out: String?

        @Flag(help: "Write what can be represented and list what was left out, instead of refusing the file.")
        var skipUnsupported = false

        @Flag(help: "Replace the output file if it exists.")
        var force = false

        func run() throws {
            let fallback = out.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
            let imported = try SurveyImporter.importSurvey(
                path: file, kind: from, options: ImportOptions(language: language, skipUnsupported: skipUnsupported, fallbackID: fallback))
            let path = out ?? "surveys/\(imported.survey.id).yaml"
            if !force, FileManager.default.fileExists(atPath: path) {
                throw InputError("\(path) already exists: give --force to replace it, or --out another path")
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            do {
                try Data(imported.yaml.utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw FormatError.output(path: path, reason: error.localizedDescription)
            }
            let survey = imported.survey
            print(
                "\(path): survey '\(survey.id)' version \(survey.version) from \(file) (\(imported.kind.title)): "
                    + "\(survey.sections.count) sections, \(survey.questions.count) questions, \(survey.fields.count) answer variables"
            )
            if !imported.leftOut.isEmpty {
                print("Left out, as fabrique cannot represent \(imported.leftOut.count == 1 ? "it" : "them") (also listed at the top of \(path)):")
                for issue in imported.leftOut { print("  \(issue)") }
            }
            if !imported.notes.isEmpty {
                print("Notes (\(imported.notes.count)):")
                for issue in imported.notes { print("  \(issue)") }
            }
            print("Check it with: fabrique survey validate \(path)")
        }
    }
}

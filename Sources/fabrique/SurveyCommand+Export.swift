import ArgumentParser
import FabriqueCore
import FabriqueFormats
import Foundation

extension SurveyCommand {
    /// `fabrique survey export ID --xlsform OUT.xlsx`: a questionnaire for ODK Collect and KoboCollect.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a questionnaire as an XLSForm, for ODK Collect, KoboToolbox or any XLSForm tool.",
            discussion: """
                Each section becomes a group, a likert block a table-list group, a rank a rank question. \
                Importing the XLSForm back with 'survey import' gives the same names, types, codes, labels, conditions and constraints.
                """
        )

        @Argument(help: ArgumentHelp("The survey id (read from surveys/ID.yaml) or the questionnaire file's path.", valueName: "id"))
        var survey: String

        @Option(help: ArgumentHelp("The XLSForm workbook to write.", valueName: "out.xlsx"))
        var xlsform: String

        func run() throws {
            let path = survey.hasSuffix(".yaml") || survey.hasSuffix(".yml") || survey.contains("/") ? survey : "surveys/\(survey).yaml"
            guard FileManager.default.fileExists(atPath: path) else {
                throw InputError("no questionnaire \(path): give a survey id with a surveys/ID.yaml file, or the questionnaire file's path")
            }
            let loaded = try SurveyLoader.load(try readText(path), file: path)
            let (data, omitted) = try XLSFormWriter.write(loaded)
            do {
                try data.write(to: URL(fileURLWithPath: xlsform))
            } catch {
                throw FormatError.output(path: xlsform, reason: error.localizedDescription)
            }
            print(
                "\(xlsform): XLSForm of survey '\(loaded.id)' version \(loaded.version): "
                    + "\(loaded.sections.count) groups, \(loaded.questions.count) questions, \(loaded.choiceLists.count) choice lists"
            )
            if !omitted.isEmpty { print("Not carried by XLSForm: \(omitted.joined(separator: ", ")).") }
        }
    }
}

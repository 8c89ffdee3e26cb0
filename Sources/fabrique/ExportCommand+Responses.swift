import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore

extension ExportCommand {
    /// `fabrique export responses`.
    struct Responses: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a survey's responses as CSV, JSON, SPSS (.sav) or Stata (.dta).",
            discussion: "A CSV or JSON export re-imports unchanged with 'fabrique import responses', in every combination of these "
                + "options. A .sav or .dta file holds variable and value labels, declared missing values and dates as dates "
                + "(docs/spss-stata.md)."
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("The survey id.", valueName: "id"))
        var survey: String

        @Flag(help: "Write choice labels instead of codes.")
        var labels = false

        @Flag(help: "French Excel: ';' separators, a UTF-8 BOM, CRLF, decimal commas and dd/mm/yyyy dates.")
        var excel = false

        @Option(help: ArgumentHelp("Select_multiple answers as one 'joined' column or one 0/1 column per choice ('split').", valueName: "layout"))
        var multiple: MultipleLayout = .joined

        @Option(help: "Output format: csv, json, sav (SPSS) or dta (Stata).")
        var format: ResponseFormat = .csv

        @Option(help: ArgumentHelp("The output file (default: standard output).", valueName: "file"))
        var out: String?

        @OptionGroup var reader: AccountScopeOption

        enum MultipleLayout: String, ExpressibleByArgument { case joined, split }

        func validate() throws {
            try validateDataset()
        }

        func run() throws {
            let database = try database.open()
            let scope = try reader.scope(database)
            try scope?.require(survey: survey)
            let definition = try database.currentSurvey(id: survey)
            if let dataset = format.dataset {
                try writeDataset(dataset, survey: definition, database: database, scope: scope)
                return
            }
            let exporter = ResponseExporter(
                survey: definition, options: ExportOptions(labels: labels, excel: excel, splitMultiple: multiple == .split))
            if format == .json {
                let output = try TextOutput(path: out)
                try output.write("[")
                var first = true
                try database.forEachResponse(surveyId: survey) { response in
                    guard scope?.allows(region: response.values["region"]) ?? true else { return }
                    let object = ResponseJSON(
                        responseId: response.responseId, surveyVersion: response.surveyVersion, origin: response.origin,
                        answers: OrderedJSONObject(exporter.answers(response)))
                    try output.write((first ? "\n" : ",\n") + (try JSONOutput.text(object)))
                    first = false
                }
                try output.write("\n]\n")
                try output.finish()
                return
            }
            let writer =
                try out.map { try CSVWriter(path: $0, format: excel ? .frenchExcel : .standard) }
                ?? CSVWriter(standardOutputWith: excel ? .frenchExcel : .standard)
            try writer.write(exporter.header)
            try database.forEachResponse(surveyId: survey) { response in
                guard scope?.allows(region: response.values["region"]) ?? true else { return }
                try writer.write(exporter.record(response))
            }
            try writer.finish()
        }

        /// One response in the JSON export; `answers` in the column order of the CSV export.
        private struct ResponseJSON: Encodable {
            let responseId, surveyVersion, origin: String
            let answers: OrderedJSONObject<String>

            enum CodingKeys: String, CodingKey {
                case responseId = "response_id"
                case surveyVersion = "survey_version"
                case origin, answers
            }
        }
    }
}

import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore

extension ExportCommand {
    /// `fabrique export dictionary`.
    struct Dictionary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the data dictionary: each variable's question, type, label, choices and conditions."
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("The survey id.", valueName: "id"))
        var survey: String

        @Flag(help: "French Excel CSV: ';' separators, a UTF-8 BOM and CRLF.")
        var excel = false

        @Option(help: "Output format: csv, json or md.")
        var format: OutputFormat = .csv

        @Option(help: ArgumentHelp("The output file (default: standard output).", valueName: "file"))
        var out: String?

        func validate() throws {
            guard format != .table else { throw ValidationError("export dictionary writes --format csv, json or md") }
        }

        func run() throws {
            let definition = try database.open().currentSurvey(id: survey)
            let rows = DataDictionary.rows(definition)
            switch format {
            case .json:
                let output = try TextOutput(path: out)
                let objects = try rows.map { row in try JSONOutput.text(OrderedJSONObject(zip(DataDictionary.header, row))) }
                try output.write("[\n" + objects.joined(separator: ",\n") + "\n]\n")
                try output.finish()
            case .md:
                let output = try TextOutput(path: out)
                let lines = [
                    "# Dictionnaire des données : \(definition.title) (version \(definition.version))", "",
                    MarkdownTable(header: DataDictionary.header, rows: rows).markdown()
                ]
                try output.write(lines.joined(separator: "\n") + "\n")
                try output.finish()
            default:
                let writer =
                    try out.map { try CSVWriter(path: $0, format: excel ? .frenchExcel : .standard) }
                    ?? CSVWriter(standardOutputWith: excel ? .frenchExcel : .standard)
                try writer.write(DataDictionary.header)
                for row in rows { try writer.write(row) }
                try writer.finish()
            }
        }
    }
}

import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueReports
import FabriqueStore
import Foundation

/// `fabrique tables SPEC.yaml`: every table of an analysis spec.
struct TablesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tables",
        abstract: "Make every table of an analysis spec (analyses/*.yaml), for France or one region.",
        discussion: """
            md: one document (to --out DIR/<spec>[-<region>].md, or standard output). csv: one file per table in --out DIR. \
            json: a list of {"id", "title", "tables": [...]}, each table in the JSON of 'fabrique table'. Suppression applies \
            as in 'fabrique table', with each table's threshold.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The analysis spec.", valueName: "spec.yaml"))
    var spec: String

    @Option(help: ArgumentHelp("Only the responses of this region (INSEE code, such as 44).", valueName: "code"))
    var region: String?

    @OptionGroup var reader: AccountScopeOption

    @Option(help: ArgumentHelp("The output folder (needed for csv).", valueName: "dir"))
    var out: String?

    @Option(help: "Output format: md, csv or json.")
    var format: OutputFormat = .md

    func validate() throws {
        guard format != .table else { throw ValidationError("tables writes --format md, csv or json") }
        if format == .csv, out == nil { throw ValidationError("--format csv writes one file per table: give --out DIR") }
    }

    func run() throws {
        let database = try database.open()
        let text = try readText(spec)
        let survey = try database.currentSurvey(id: try AnalysisSpec.surveyId(in: text, file: spec))
        let scope = try reader.scope(database)
        try scope?.require(survey: survey.id)
        let region = try scope?.region(self.region) ?? self.region
        let analysis = try AnalysisSpec.parse(text, file: spec, survey: survey)
        let runner = AnalysisRunner(spec: analysis, builder: TableBuilder(survey: survey, database: database, today: Clock.today()))
        let results: [(table: AnalysisSpec.Table, results: [StatTable])]
        do { results = try runner.run(region: region) } catch let error as TableError { throw InputError(error.description) }
        let regionName = region.map { code in (try? database.regions().first { $0.code == code }?.name) ?? nil ?? code }
        if let out { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
        let base = analysis.id + (region.map { "-\($0)" } ?? "")
        switch format {
        case .json:
            let items = try results.map { table, stats in
                try JSONOutput.text(TableSet(id: table.id, title: table.title, tables: stats.map(TableJSON.init)))
            }
            try emit("[\n" + items.joined(separator: ",\n") + "\n]\n", to: out.map { "\($0)/\(base).json" })
        case .csv:
            var written = 0
            for (table, stats) in results {
                for (index, stat) in stats.enumerated() {
                    let path = "\(out!)/\(base)-\(table.id)\(stats.count > 1 ? "-\(index + 1)" : "").csv"
                    let writer = try CSVWriter(path: path)
                    for record in PublishedTable(stat).records { try writer.write(record) }
                    try writer.finish()
                    written += 1
                }
            }
            Console.error("Wrote \(written) table(s) to \(out!)")
        default:
            try emit(runner.markdown(results, regionName: regionName), to: out.map { "\($0)/\(base).md" })
        }
    }

    /// One table of the spec in the JSON output: its results in the JSON of `fabrique table`.
    private struct TableSet: Encodable {
        let id, title: String
        let tables: [TableJSON]
    }

    private func emit(_ text: String, to path: String?) throws {
        let output = try TextOutput(path: path)
        try output.write(text)
        try output.finish()
        if let path { Console.error("Wrote \(path)") }
    }
}

/// `fabrique analysis`: check analysis specs.
struct AnalysisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analysis",
        abstract: "Check analysis specs.",
        subcommands: [Validate.self]
    )

    /// `fabrique analysis validate FILE`.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an analysis spec against its survey and report every problem as FILE:LINE:COLUMN: message."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The analysis spec (YAML).", valueName: "file"))
        var file: String

        func run() throws {
            let text = try readText(file)
            do {
                let survey = try database.open().currentSurvey(id: try AnalysisSpec.surveyId(in: text, file: file))
                let spec = try AnalysisSpec.parse(text, file: file, survey: survey)
                print("\(file): valid — \(spec.tables.count) tables for survey '\(survey.id)' version \(survey.version)")
            } catch let error as SourceProblems {
                for problem in error.problems { Console.error(problem.description) }
                Console.error("\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s") in \(file)")
                throw ExitCode(1)
            }
        }
    }
}

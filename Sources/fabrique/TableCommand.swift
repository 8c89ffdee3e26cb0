import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueReports
import FabriqueStats

/// `fabrique table`: one statistical table from stored responses.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Make one statistical table from stored responses, with small-cell suppression.",
        discussion: """
            --rows alone: a frequency table (n, % of valid answers, Wilson 95% interval, missing), or for a select_multiple \
            the % of respondents and of responses, or for a number the descriptive statistics. --cols: a crosstab with \
            Pearson's chi-square, Cramér's V and, for 2×2, Fisher's exact test. --by: a number described by group, or a \
            categorical question crossed with the group. --filter keeps the responses where an expression is true.
            Published formats (table, md, csv) show counts below the threshold as '< 5' and hide the cells that would let \
            them be recomputed ('s'), with their percentages. JSON gives raw values with a 'suppressed' flag per cell.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The survey id.", valueName: "id"))
    var survey: String

    @Option(help: ArgumentHelp("The question to tabulate.", valueName: "question"))
    var rows: String

    @Option(help: ArgumentHelp("A second categorical question, for a crosstab.", valueName: "question"))
    var cols: String?

    @Option(help: ArgumentHelp("A grouping question, such as region or demarches.", valueName: "question"))
    var by: String?

    @Option(
        help: ArgumentHelp(
            "Keep only responses where this expression is true, e.g. '${region} = \"44\"' (single quotes outside, so the shell leaves ${...} alone).",
            valueName: "expression"))
    var filter: String?

    @OptionGroup var reader: AccountScopeOption

    @Option(help: ArgumentHelp("Counts below this are suppressed.", valueName: "n"))
    var threshold = SmallCellSuppression.defaultThreshold

    @Option(help: "Output format: table, md, csv or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard threshold >= 1 else { throw ValidationError("--threshold must be 1 or more (1 disables suppression)") }
    }

    func run() throws {
        let database = try database.open()
        let scope = try reader.scope(database)
        try scope?.require(survey: survey)
        let filter = [self.filter.map { "(\($0))" }, scope?.regionFilter].compactMap { $0 }.joined(separator: " and ")
        let definition = try database.currentSurvey(id: survey)
        let table: StatTable
        do {
            table = try TableBuilder(survey: definition, database: database, today: Clock.today())
                .build(TableRequest(rows: rows, cols: cols, by: by, filter: filter.isEmpty ? nil : filter, threshold: threshold))
        } catch let error as TableError {
            throw InputError(error.description)
        }
        switch format {
        case .json: print(try JSONOutput.text(TableJSON(table)))
        case .md: print(PublishedTable(table).markdown)
        case .csv:
            let writer = CSVWriter(standardOutputWith: .standard)
            for record in PublishedTable(table).records { try writer.write(record) }
            try writer.finish()
        case .table: print(PublishedTable(table).text)
        }
    }
}

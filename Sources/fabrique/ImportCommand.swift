import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore
import Foundation

/// `fabrique import`: bring data made elsewhere into the database.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import data exported by other tools.",
        subcommands: [Responses.self]
    )

    /// `fabrique import responses`.
    struct Responses: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import survey responses from a CSV file (LimeSurvey, KoboToolbox/ODK, REDCap, French Excel…).",
            discussion: """
                Columns match questions by name, by label, or through --mapping. Values may be codes or labels (any case, \
                with or without accents), decimals with a comma, dates as dd/mm/yyyy or ISO. Select_multiple answers may be one \
                column of codes or labels separated by ';' or spaces, LimeSurvey Q[code] or Q.code. with Y/empty, REDCap \
                q___code with 0/1, or Kobo q/code; LimeSurvey full-text headings 'Question [Subquestion]' match through labels. \
                Every row goes through the same validation as the web form. Valid rows are committed in one transaction; each \
                rejected row is written to the rejects file with its line and reasons. A column that holds data and matches no \
                question stops the import, unless the mapping ignores it or --ignore-unmatched is given. \
                Exit status 0 when the import ran to the end and committed its valid rows (even if it rejected some, or all): \
                every non-empty cell was stored, rejected with its row, or knowingly ignored. 1 when it stopped before writing \
                anything (bad file, missing or empty id column, missing required column, unmatched columns with data, duplicate \
                with --on-duplicate error).
                JSON: {"read", "inserted", "updated", "unchanged", "rejected", "rejectsFile", "warnings"}; a stop: {"error"}.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("The survey id, as loaded by 'fabrique init'.", valueName: "id"))
        var survey: String

        @Argument(help: ArgumentHelp("The CSV file to import.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("A YAML file mapping column headers to questions (id_column, columns, ignore).", valueName: "file"))
        var mapping: String?

        @Option(
            name: .customLong("id-column"),
            help: ArgumentHelp("The column holding the response id (default: response_id, id, _uuid, record_id…).", valueName: "name"))
        var idColumn: String?

        @Flag(
            name: .customLong("generate-ids"),
            help: "Derive each row's id from its content, for a file without an id column (re-importing the same file stays idempotent).")
        var generateIds = false

        @Flag(
            name: .customLong("ignore-unmatched"),
            help: "Import without the columns that hold data but match no question (each is named in a warning); without it they stop the import.")
        var ignoreUnmatched = false

        @Option(
            name: .customLong("date-order"),
            help: ArgumentHelp(
                "How to read dates such as 9/10/2015: "
                    + "dmy (day first) or mdy (month first) (default: the order the file's first rows prove, else dmy).",
                valueName: "order"))
        var dateOrder: DateOrder?

        @Flag(name: .customLong("dry-run"), help: "Check everything and report what would happen, writing nothing to the database.")
        var dryRun = false

        @Option(help: ArgumentHelp("Where to write rejected rows (default: FILE.rejects.csv beside the input).", valueName: "file"))
        var rejects: String?

        @Option(
            name: .customLong("on-duplicate"),
            help: ArgumentHelp(
                "What to do with a response id already stored with other answers: skip, update or error (nothing is written).", valueName: "policy"))
        var onDuplicate: DuplicatePolicy = .error

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp("The date the survey's rules treat as today, yyyy-mm-dd (default: today).", valueName: "date"))
        var asOf: String?

        @Option(help: "Output format: table or json.")
        var format: OutputFormat = .table

        @OptionGroup var input: CSVInputOptions

        func validate() throws {
            guard format == .table || format == .json else { throw ValidationError("import responses prints --format table or json") }
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date such as 2026-06-30") }
            if generateIds, idColumn != nil { throw ValidationError("--generate-ids and --id-column exclude each other: pick one") }
        }

        func run() throws {
            guard format == .json else { return try importFile() }
            // With --format json, a stop is JSON as well, on standard output, with exit status 1.
            do {
                try importFile()
            } catch {
                print(try JSONOutput.text(["error": (error as? LocalizedError)?.errorDescription ?? "\(error)"]))
                throw ExitCode.failure
            }
        }

        private func importFile() throws {
            let database = try database.open()
            let definition = try database.currentSurvey(id: survey)
            let columnMapping = try mapping.map { try ColumnMapping.parse(try readText($0), file: $0, survey: definition) } ?? ColumnMapping()
            let reader = try input.reader(file)
            let options = ImportOptions(
                idColumn: idColumn, mapping: columnMapping, policy: onDuplicate, dryRun: dryRun, rejectsPath: rejects,
                today: asOf.flatMap(CalendarDate.init(iso:)) ?? Clock.today(), generateIds: generateIds,
                ignoreUnmatched: ignoreUnmatched, dateOrder: dateOrder)
            let bar = ProgressBar(total: FileSize.of(file), label: "Reading \(file)")
            let summary = try ResponseImporter(database: database, survey: definition).run(reader: reader, options: options, progress: bar?.update)
            bar?.finish()
            if format == .json {
                let json = SummaryJSON(
                    read: summary.read, inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged,
                    rejected: summary.rejected, rejectsFile: summary.rejectsFile, warnings: summary.warnings)
                print(try JSONOutput.text(json))
                return
            }
            for warning in summary.warnings { Console.error("warning: \(warning)") }
            print("\(dryRun ? "Dry run, nothing written: " : "")\(file) → survey '\(definition.id)' version \(definition.version)")
            print(
                Console.table([
                    ["read", "inserted", "updated", "unchanged", "rejected"],
                    [summary.read, summary.inserted, summary.updated, summary.unchanged, summary.rejected].map(String.init)
                ]))
            if let rejectsFile = summary.rejectsFile { print("Rejected rows, with their line and reasons: \(rejectsFile)") }
        }

        /// The JSON of a finished import, with the keys the help lists.
        private struct SummaryJSON: Encodable {
            let read, inserted, updated, unchanged, rejected: Int
            let rejectsFile: String?
            let warnings: [String]
        }
    }
}

extension DuplicatePolicy: ExpressibleByArgument {}
extension DateOrder: ExpressibleByArgument {}

/// File sizes for progress bars.
enum FileSize {
    static func of(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}

import FabriqueCSV
import FabriqueCore
import FabriqueStore
import Foundation

/// How an import runs.
public struct ImportOptions: Sendable {
    public var idColumn: String?
    public var mapping: ColumnMapping
    public var policy: DuplicatePolicy
    public var dryRun: Bool
    /// Where rejected rows go; by default `FILE.rejects.csv` beside the input, written only if a row is rejected.
    public var rejectsPath: String?
    /// Recorded with each response: `import` or `web`.
    public var origin: String
    /// The date `today()` means in the survey's rules.
    public var today: CalendarDate
    /// Derive each row's id from its content, for files without an id column (`--generate-ids`).
    public var generateIds: Bool
    /// Import without the columns that hold data but match no question, naming them in a warning
    /// (`--ignore-unmatched`); otherwise such columns stop the import.
    public var ignoreUnmatched: Bool
    /// The order of day and month in slashed dates; nil: the order the file's first rows prove, else day first.
    public var dateOrder: DateOrder?

    /// Creates options.
    public init(
        idColumn: String? = nil, mapping: ColumnMapping = ColumnMapping(), policy: DuplicatePolicy = .error, dryRun: Bool = false,
        rejectsPath: String? = nil, origin: String = "import", today: CalendarDate, generateIds: Bool = false,
        ignoreUnmatched: Bool = false, dateOrder: DateOrder? = nil
    ) {
        self.generateIds = generateIds
        self.ignoreUnmatched = ignoreUnmatched
        self.dateOrder = dateOrder
        self.idColumn = idColumn
        self.mapping = mapping
        self.policy = policy
        self.dryRun = dryRun
        self.rejectsPath = rejectsPath
        self.origin = origin
        self.today = today
    }
}

/// What an import did; its JSON form is a documented interface.
public struct ImportSummary: Sendable, Equatable, Encodable {
    public var read = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    public var rejectsFile: String?
    public var warnings: [String] = []
}

/// Imports a CSV file of responses: one validation (Core's), valid rows in one transaction,
/// every rejected row in a rejects file with its line and reasons. One thread reads and parses,
/// two validate batches of records, and the caller's thread writes them to the database in file
/// order; bounded queues keep memory flat whatever the file size.
public struct ResponseImporter {
    public let database: any FabriqueStore
    public let survey: Survey

    /// Prepares an import into a database for the survey's current version.
    public init(database: any FabriqueStore, survey: Survey) {
        self.database = database
        self.survey = survey
    }

    /// Validating threads: the machine's cores, at most two beside the reader and the writer, or
    /// `FABRIQUE_IMPORT_THREADS` (1–8) for tuning.
    static let validators: Int = {
        if let text = ProcessInfo.processInfo.environment["FABRIQUE_IMPORT_THREADS"], let count = Int(text), (1...8).contains(count) { return count }
        return max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))
    }()

    /// Runs the import. `progress` receives bytes read, from the reading thread.
    public func run(reader: CSVReader, options: ImportOptions, progress: (@Sendable (Int64) -> Void)? = nil) throws -> ImportSummary {
        let state = ImportRun(reader: reader, survey: survey, options: options, validators: Self.validators)
        state.removeStaleRejects()
        state.start(progress: progress)
        state.planReady.wait()
        if let error = state.planError {
            state.stop()
            throw error
        }
        let counts: ResponseWriteCounts
        do {
            counts = try database.writeResponses(
                survey: survey, fieldNames: state.fieldNames, version: survey.version, origin: options.origin,
                policy: options.policy, dryRun: options.dryRun, next: state.nextBatch)
        } catch let StoreError.duplicateResponse(responseId, line) where state.header.contains("redcap_event_name") {
            state.stop()
            state.discardRejects()
            throw ImportError.longitudinalExport(file: reader.path, line: line, responseId: responseId)
        } catch {
            state.stop()
            state.discardRejects()
            throw error
        }
        try state.closeRejects()
        var summary = ImportSummary()
        summary.read = state.read
        summary.inserted = counts.inserted
        summary.updated = counts.updated
        summary.unchanged = counts.unchanged + counts.skipped
        summary.rejected = state.rejected
        summary.rejectsFile = state.rejected > 0 ? state.rejectsPath : nil
        summary.warnings = state.warnings + state.checkWarnings()
        if let note = state.notApplicable.warning { summary.warnings.append(note) }
        summary.warnings += state.unusual.warnings
        if let note = reader.bareQuoteWarning { summary.warnings.append(note) }
        if counts.skipped > 0 {
            summary.warnings.append(
                "\(counts.skipped) row(s) differ from the stored responses with the same id and were skipped (--on-duplicate skip)")
        }
        return summary
    }
}

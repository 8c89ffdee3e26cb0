import FabriqueCore
import FabriqueCSV
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

    /// Creates options.
    public init(idColumn: String? = nil, mapping: ColumnMapping = ColumnMapping(), policy: DuplicatePolicy = .error, dryRun: Bool = false,
                rejectsPath: String? = nil, origin: String = "import", today: CalendarDate) {
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
/// every rejected row in a rejects file with its line and reasons. Reading and validating run on
/// one thread while the database writes on another, joined by a bounded queue.
public struct ResponseImporter {
    public let database: AppDatabase
    public let survey: Survey

    /// Prepares an import into a database for the survey's current version.
    public init(database: AppDatabase, survey: Survey) {
        self.database = database
        self.survey = survey
    }

    /// Runs the import. `progress` receives bytes read, from the reading thread.
    public func run(reader: CSVReader, options: ImportOptions, progress: (@Sendable (Int64) -> Void)? = nil) throws -> ImportSummary {
        let state = ImportRun(reader: reader, survey: survey, options: options)
        let producer = Thread { state.produce(progress: progress) }
        producer.stackSize = 8 << 20
        producer.start()
        state.planReady.wait()
        if let error = state.planError {
            state.queue.cancel()
            state.finished.wait()
            throw error
        }
        let counts: ResponseWriteCounts
        do {
            counts = try database.writeResponses(
                survey: survey, fieldNames: state.fieldNames, version: survey.version, origin: options.origin,
                policy: options.policy, dryRun: options.dryRun
            ) {
                if let batch = state.queue.take() { return batch }
                // The reader is done: commit only if it reached the end of the file cleanly.
                state.finished.wait()
                state.finished.signal()
                if let error = state.readError { throw error }
                return nil
            }
        } catch {
            state.queue.cancel()
            state.finished.wait()
            try? state.closeRejects()
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
        summary.warnings = state.warnings
        if counts.skipped > 0 {
            summary.warnings.append("\(counts.skipped) row(s) differ from the stored responses with the same id and were skipped (--on-duplicate skip)")
        }
        return summary
    }
}

/// The state shared by the reading thread and the writer. Each field is written by one side
/// before a semaphore signal and read by the other after the matching wait.
final class ImportRun: @unchecked Sendable {
    let reader: CSVReader
    let survey: Survey
    let options: ImportOptions
    let validator: ResponseValidator
    let fieldNames: [String]
    let queue = BoundedQueue<[ResponseRow]>(capacity: 16)
    let planReady = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    let rejectsPath: String

    var planError: Error?
    var readError: Error?
    var warnings: [String] = []
    var read = 0
    var rejected = 0
    private var rejects: CSVWriter?
    private var header: [String] = []

    init(reader: CSVReader, survey: Survey, options: ImportOptions) {
        self.reader = reader
        self.survey = survey
        self.options = options
        validator = ResponseValidator(survey: survey)
        fieldNames = validator.fieldNames
        rejectsPath = options.rejectsPath ?? Self.defaultRejectsPath(reader.path)
    }

    static func defaultRejectsPath(_ input: String) -> String {
        let base = input.hasSuffix(".csv") ? String(input.dropLast(4)) : input
        return base + ".rejects.csv"
    }

    func produce(progress: (@Sendable (Int64) -> Void)?) {
        var assembler: RowAssembler?
        var batch: [ResponseRow] = []
        batch.reserveCapacity(256)
        do {
            try reader.forEach(progress: progress) { record in
                guard let rows = assembler else {
                    header = record.fields
                    do {
                        let plan = try ColumnPlan(header: record.fields, survey: survey, mapping: options.mapping,
                                                  idColumn: options.idColumn, file: reader.path)
                        warnings = plan.warnings
                        assembler = RowAssembler(plan: plan, survey: survey)
                    } catch {
                        planError = error
                    }
                    planReady.signal()
                    if let planError { throw planError }
                    return
                }
                read += 1
                if let row = try check(record, rows) {
                    batch.append(row)
                    if batch.count == 256 {
                        guard queue.put(batch) else { throw CancellationError() }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            if assembler == nil {
                planError = ImportError.emptyFile(file: reader.path)
                planReady.signal()
            } else if !batch.isEmpty {
                queue.put(batch)
            }
        } catch {
            if assembler == nil, planError == nil {
                planError = error
                planReady.signal()
            } else if !(error is CancellationError) {
                readError = error
            }
        }
        queue.close()
        finished.signal()
    }

    /// Validates one record; a bad record goes to the rejects file and gives nil.
    private func check(_ record: CSVRecord, _ assembler: RowAssembler) throws -> ResponseRow? {
        guard record.fields.count == header.count else {
            try reject(record, ["the record has \(record.fields.count) fields where the header has \(header.count)"])
            return nil
        }
        let (id, raw, problems) = assembler.assemble(record.fields)
        guard !id.isEmpty else {
            try reject(record, ["the response id (column '\(header[assembler.plan.idColumn])') is empty"])
            return nil
        }
        let (values, issues) = validator.validate(fields: raw, today: options.today)
        guard problems.isEmpty, issues.isEmpty else {
            try reject(record, problems + issues.map(\.description))
            return nil
        }
        let digest = SHA256.hex(values.map { $0 ?? "\u{1E}" }.joined(separator: "\u{1F}"))
        return ResponseRow(line: record.line, responseId: id, values: values, digest: digest)
    }

    private func reject(_ record: CSVRecord, _ reasons: [String]) throws {
        if rejects == nil {
            let format = CSVOutputFormat(delimiter: reader.dialect.delimiter, lineEnding: "\n", byteOrderMark: reader.dialect.hasByteOrderMark)
            rejects = try CSVWriter(path: rejectsPath, format: format)
            try rejects?.write(header + ["line", "errors"])
        }
        rejected += 1
        try rejects?.write(record.fields + [String(record.line), reasons.joined(separator: " | ")])
    }

    func closeRejects() throws {
        try rejects?.finish()
        rejects = nil
    }
}

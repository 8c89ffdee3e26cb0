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
/// every rejected row in a rejects file with its line and reasons. One thread reads and parses,
/// two validate batches of records, and the caller's thread writes them to the database in file
/// order; bounded queues keep memory flat whatever the file size.
public struct ResponseImporter {
    public let database: AppDatabase
    public let survey: Survey

    /// Prepares an import into a database for the survey's current version.
    public init(database: AppDatabase, survey: Survey) {
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
        summary.warnings = state.warnings
        if let note = state.notApplicable.warning { summary.warnings.append(note) }
        if counts.skipped > 0 {
            summary.warnings.append("\(counts.skipped) row(s) differ from the stored responses with the same id and were skipped (--on-duplicate skip)")
        }
        return summary
    }
}

/// One batch of records and, once validated, its rows and rejections.
struct ImportBatch: Sendable {
    var sequence: Int
    /// The records; the first batch's first record is the header, skipped from `first`.
    var records: CSVBatch?
    var first: Int
    /// Taken from the pool by the validating thread, so that batches waiting in the queue hold none.
    var rows: ResponseBatch?
    var rejections: [(CSVRecord, [String])] = []
}

/// The state shared by the reading thread, the validating threads and the writer. Fields written
/// by one thread are read by another only after a semaphore or a queue hand-over.
final class ImportRun: @unchecked Sendable {
    let reader: CSVReader
    let survey: Survey
    let options: ImportOptions
    let validator: ResponseValidator
    let fieldNames: [String]
    let validatorCount: Int
    let records = BoundedQueue<ImportBatch>(capacity: 4)
    let validated = ReorderBuffer<ImportBatch>(capacity: 4)
    let planReady = DispatchSemaphore(value: 0)
    let readerDone = DispatchSemaphore(value: 0)
    let validatorsDone = DispatchSemaphore(value: 0)
    let rejectsPath: String
    /// Record and row buffers, reused from batch to batch.
    let recordBuffers = RecyclingPool { CSVBatch() }
    let rowBuffers: RecyclingPool<ResponseBatch>
    /// The rows last given to the writer, recycled when it asks for more.
    private var lastRows: ResponseBatch?

    var planError: Error?
    var readError: Error?
    var warnings: [String] = []
    /// Answers to questions that did not apply, counted across the validating threads.
    let notApplicable = IgnoredAnswers()
    var read = 0
    var rejected = 0
    private var batchesRead = 0
    private var nextSequence = 0
    private var assembler: RowAssembler?
    private var rejects: CSVWriter?
    private var header: [String] = []

    init(reader: CSVReader, survey: Survey, options: ImportOptions, validators: Int) {
        self.reader = reader
        self.survey = survey
        self.options = options
        validator = ResponseValidator(survey: survey)
        fieldNames = validator.fieldNames
        validatorCount = validators
        rejectsPath = options.rejectsPath ?? Self.defaultRejectsPath(reader.path)
        let width = fieldNames.count
        rowBuffers = RecyclingPool { ResponseBatch(width: width) }
    }

    static func defaultRejectsPath(_ input: String) -> String {
        let base = input.lowercased().hasSuffix(".csv") ? String(input.dropLast(4)) : input
        return base + ".rejects.csv"
    }

    func start(progress: (@Sendable (Int64) -> Void)?) {
        let readerThread = Thread { self.produce(progress: progress) }
        readerThread.stackSize = 8 << 20
        readerThread.start()
        for _ in 0..<validatorCount {
            let worker = Thread { self.validateBatches() }
            worker.stackSize = 8 << 20
            worker.start()
        }
    }

    /// Stops the reader and the validators, and waits for them.
    func stop() {
        records.cancel()
        validated.cancel()
        readerDone.wait()
        for _ in 0..<validatorCount { validatorsDone.wait() }
    }

    /// The writer's source: validated rows in file order; rejections are written on the way.
    /// At the end, an error of the reader (a malformed file) is thrown so nothing is committed.
    func nextBatch() throws -> ResponseBatch? {
        if let lastRows {
            rowBuffers.recycle(lastRows)
            self.lastRows = nil
        }
        while true {
            guard let batch = validated.take(nextSequence) else {
                readerDone.wait()
                readerDone.signal()
                if let readError { throw readError }
                return nil
            }
            nextSequence += 1
            for (record, reasons) in batch.rejections { try reject(record, reasons) }
            guard let rows = batch.rows else { continue }
            if rows.count > 0 {
                lastRows = rows
                return rows
            }
            rowBuffers.recycle(rows)
        }
    }

    private func produce(progress: (@Sendable (Int64) -> Void)?) {
        var planned = false
        do {
            try reader.forEachBatch(size: 256, makeBatch: recordBuffers.take, progress: progress) { records in
                var first = 0
                if !planned {
                    planned = true
                    first = 1
                    header = records.fields(0)
                    do {
                        let plan = try ColumnPlan(header: header, survey: survey, mapping: options.mapping,
                                                  idColumn: options.idColumn, file: reader.path)
                        warnings = plan.warnings
                        assembler = RowAssembler(plan: plan, survey: survey)
                    } catch {
                        planError = error
                    }
                    planReady.signal()
                    if let planError { throw planError }
                }
                guard records.count > first else { return }
                read += records.count - first
                let batch = ImportBatch(sequence: batchesRead, records: records, first: first)
                guard self.records.put(batch) else { throw CancellationError() }
                batchesRead += 1
            }
            if !planned {
                planError = ImportError.emptyFile(file: reader.path)
                planReady.signal()
            }
        } catch {
            if !planned {
                planError = error
                planReady.signal()
            } else if planError == nil, !(error is CancellationError) {
                readError = error
            }
        }
        validated.expect(count: batchesRead)
        self.records.close()
        readerDone.signal()
    }

    private func validateBatches() {
        var values: ColumnValues?
        let workspace = ValidationWorkspace(validator: validator, today: options.today, keepsParses: true)
        while var batch = records.take() {
            guard let assembler, let records = batch.records else { break }
            if values == nil { values = ColumnValues(plan: assembler.plan) }
            batch.rows = rowBuffers.take()
            for index in batch.first..<records.count {
                check(records, index, assembler, values!, workspace, into: &batch)
            }
            batch.records = nil
            recordBuffers.recycle(records)
            validated.put(batch.sequence, batch)
        }
        validatorsDone.signal()
    }

    /// Validates one record into a row of the batch, or a rejection with its reasons.
    private func check(_ records: CSVBatch, _ index: Int, _ assembler: RowAssembler, _ columns: ColumnValues, _ workspace: ValidationWorkspace,
                       into batch: inout ImportBatch) {
        let count = records.fieldCount(index)
        guard count == header.count else {
            batch.rejections.append((records.record(index), ["la ligne a \(count) champs alors que l'en-tête en a \(header.count)"]))
            return
        }
        let (id, problems) = assembler.assemble(records, index, into: workspace, values: columns)
        guard !id.isEmpty else {
            batch.rejections.append((records.record(index), ["l'identifiant de la réponse (colonne « \(header[assembler.plan.idColumn]) ») est vide"]))
            return
        }
        validator.validate(workspace)
        guard problems.isEmpty, workspace.issues.isEmpty else {
            batch.rejections.append((records.record(index), problems + workspace.issues.map(\.description)))
            return
        }
        let line = records.lines[index]
        if let first = workspace.ignored.first { notApplicable.record(line: line, field: fieldNames[first], count: workspace.ignored.count) }
        batch.rows!.appendResponse(line: line, responseId: id, values: { workspace.forEachValue($0) })
    }

    /// Rejected rows are written in the input's own encoding and delimiter, so that the file opens
    /// like the original; short rows are padded so that `line` and `errors` stay under their headers.
    /// The file re-imports once corrected: those two columns are ignored.
    private func reject(_ record: CSVRecord, _ reasons: [String]) throws {
        if rejects == nil {
            let format = CSVOutputFormat(delimiter: reader.dialect.delimiter, lineEnding: "\n", byteOrderMark: reader.dialect.hasByteOrderMark,
                                         encoding: reader.dialect.encoding)
            rejects = try CSVWriter(path: rejectsPath, format: format)
            try rejects?.write(header + ["line", "errors"])
        }
        rejected += 1
        let cells = record.fields + Array(repeating: "", count: max(0, header.count - record.fields.count))
        try rejects?.write(cells + [String(record.line), reasons.joined(separator: " | ")])
    }

    /// A rejects file left by an earlier run would be mistaken for this run's.
    func removeStaleRejects() {
        try? FileManager.default.removeItem(atPath: rejectsPath)
    }

    /// After a failed import nothing was written, so a partial rejects file would mislead.
    func discardRejects() {
        try? rejects?.finish()
        rejects = nil
        removeStaleRejects()
    }

    func closeRejects() throws {
        try rejects?.finish()
        rejects = nil
    }
}

/// Counts answers given to questions that did not apply, with the first example, for the summary.
final class IgnoredAnswers: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    private var rows = 0
    private var first: (line: Int, field: String)?

    func record(line: Int, field: String, count: Int) {
        lock.lock()
        defer { lock.unlock() }
        total += count
        rows += 1
        if first == nil || line < first!.line { first = (line, field) }
    }

    /// The summary's warning, or nil when every answer applied.
    var warning: String? {
        lock.lock()
        defer { lock.unlock() }
        guard let first else { return nil }
        return "\(total) answer(s) in \(rows) row(s) were not stored because their question did not apply under the survey's skip logic (first: line \(first.line), \(first.field))"
    }
}

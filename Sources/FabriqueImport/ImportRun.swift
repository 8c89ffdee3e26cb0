import FabriqueCSV
import FabriqueCore
import FabriquePipeline
import FabriqueStore
import Foundation

/// One batch of records and, once validated, its rows and rejections.
struct ImportBatch: Sendable {
    var sequence: Int
    /// The records; the first batch's first record is the header, skipped from `first`.
    var records: CSVBatch?
    var first: Int
    /// Taken from the pool by the validating thread, so that batches waiting in the queue hold none.
    var rows: ResponseBatch?
    var rejections: [(CSVRecord, [String])] = []
    /// What the per-row checks found in this batch.
    var checks: ImportChecks?
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

    /// The per-row checks of the batches given to the writer, merged in file order.
    var checks: ImportChecks?
    /// Whether the first rows already fill an unmatched column, so the rest is only counted.
    var countsOnly = false
    /// The date order in force, and whether it was given or proven by the first rows.
    var dateOrder: DateOrder = .dmy
    /// Why that order: given, proven by the first rows, or by default (for the warning).
    var dateOrderSource = "default"
    var planError: Error?
    var readError: Error?
    var warnings: [String] = []
    /// Answers to questions that did not apply, counted across the validating threads.
    let notApplicable = IgnoredAnswers()
    let unusual = UnusualValues()
    var read = 0
    var rejected = 0
    private var batchesRead = 0
    private var nextSequence = 0
    /// The row assembler, made with the column plan from the first batch.
    var assembler: RowAssembler?
    private var rejects: CSVWriter?
    /// The file's header.
    var header: [String] = []

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
                try checkUnmatched()
                return nil
            }
            nextSequence += 1
            for (record, reasons) in batch.rejections { try reject(record, reasons) }
            if let found = batch.checks {
                if checks == nil { checks = found } else { checks!.merge(found) }
            }
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
                        let filled = Set(
                            (0..<header.count).filter { column in
                                (1..<records.count).contains { column < records.fieldCount($0) && !records.range($0, column).isEmpty }
                            })
                        let plan = try ColumnPlan(
                            header: header, survey: survey, mapping: options.mapping, idColumn: options.idColumn,
                            generateIds: options.generateIds, filled: filled, sampleRows: records.count - 1, file: reader.path)
                        warnings = plan.warnings
                        (dateOrder, dateOrderSource) = Self.dateOrder(given: options.dateOrder, plan: plan, survey: survey, sample: records)
                        assembler = RowAssembler(plan: plan, survey: survey, dateOrder: dateOrder)
                        // Unmatched columns already hold data: the import will stop, so the rest
                        // of the file is only counted, and no row reaches the writer.
                        countsOnly = !options.ignoreUnmatched && plan.unmatchedColumns.contains(where: filled.contains)
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
        var calculated: [Int] = []
        let workspace = ValidationWorkspace(validator: validator, today: options.today, keepsParses: true)
        while var batch = records.take() {
            guard let assembler, let records = batch.records else { break }
            if values == nil { values = ColumnValues(plan: assembler.plan) }
            var checks = ImportChecks(columns: header.count)
            if countsOnly {
                countUnmatched(records, from: batch.first, assembler.plan, into: &checks)
            } else {
                batch.rows = rowBuffers.take()
                for index in batch.first..<records.count {
                    check(records, index, assembler, values!, workspace, into: &batch, checks: &checks, calculated: &calculated)
                }
            }
            batch.checks = checks
            batch.records = nil
            recordBuffers.recycle(records)
            validated.put(batch.sequence, batch)
        }
        validatorsDone.signal()
    }

    /// Counts the non-empty cells of unmatched columns, for an import that will stop on them.
    private func countUnmatched(_ records: CSVBatch, from first: Int, _ plan: ColumnPlan, into checks: inout ImportChecks) {
        let columns = plan.unmatchedColumns
        for index in first..<records.count where records.fieldCount(index) == header.count {
            for column in columns where !records.range(index, column).isEmpty { checks.filledCells[column] += 1 }
        }
    }

    /// Validates one record into a row of the batch, or a rejection with its reasons.
    private func check(
        _ records: CSVBatch, _ index: Int, _ assembler: RowAssembler, _ columns: ColumnValues, _ workspace: ValidationWorkspace,
        into batch: inout ImportBatch, checks: inout ImportChecks, calculated: inout [Int]
    ) {
        let count = records.fieldCount(index)
        guard count == header.count else {
            batch.rejections.append((records.record(index), ["la ligne a \(count) champs alors que l'en-tête en a \(header.count)"]))
            return
        }
        calculated.removeAll(keepingCapacity: true)
        let (id, problems) = assembler.assemble(records, index, into: workspace, values: columns, checks: &checks, calculated: &calculated)
        guard !id.isEmpty else {
            let column = assembler.plan.idColumn.map { header[$0] } ?? ""
            batch.rejections.append((records.record(index), ["l'identifiant de la réponse (colonne « \(column) ») est vide"]))
            return
        }
        validator.validate(workspace)
        guard problems.isEmpty, workspace.issues.isEmpty else {
            batch.rejections.append((records.record(index), problems + workspace.issues.map(\.description)))
            return
        }
        let line = records.lines[index]
        if !calculated.isEmpty { compareCalculations(calculated, records, index, workspace, plan: assembler.plan, checks: &checks) }
        if let first = workspace.ignored.first { notApplicable.record(line: line, field: fieldNames[first], count: workspace.ignored.count) }
        if !workspace.warnings.isEmpty { unusual.record(line: line, fields: workspace.warnings.map(\.field)) }
        batch.rows!.appendResponse(line: line, responseId: id, values: { workspace.forEachValue($0) })
    }

    /// Rejected rows are written in the input's own encoding and delimiter, so that the file opens
    /// like the original; short rows are padded so that `line` and `errors` stay under their headers.
    /// The file re-imports once corrected: those two columns are ignored.
    private func reject(_ record: CSVRecord, _ reasons: [String]) throws {
        if rejects == nil {
            let format = CSVOutputFormat(
                delimiter: reader.dialect.delimiter, lineEnding: "\n", byteOrderMark: reader.dialect.hasByteOrderMark,
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

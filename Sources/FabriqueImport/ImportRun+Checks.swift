import FabriqueCSV
import FabriqueCore

extension ImportRun {
    /// The date order: the one given, else the one the first rows' dates prove (a first number
    /// over 12 proves day first, a second number over 12 month first), else day first.
    static func dateOrder(given: DateOrder?, plan: ColumnPlan, survey: Survey, sample: CSVBatch) -> (DateOrder, String) {
        if let given { return (given, "as --date-order says") }
        var dayFirst = 0
        var monthFirst = 0
        for (column, role) in plan.roles.enumerated() {
            guard case .variable(let field) = role, survey.fields[field].valueType == .date else { continue }
            for record in 1..<max(1, sample.count) where column < sample.fieldCount(record) {
                let notes = DateReading.read(sample.string(record, column), order: .dmy).notes
                if notes.contains(.dayFirst) { dayFirst += 1 }
                if notes.contains(.monthFirst) { monthFirst += 1 }
            }
        }
        if monthFirst > 0, dayFirst == 0 { return (.mdy, "as the file's other dates prove") }
        if dayFirst > 0 { return (.dmy, "as the file's other dates prove") }
        return (.dmy, "by default")
    }

    /// Stops the import when unmatched columns hold data, unless `--ignore-unmatched`: an import
    /// that ends well has stored or knowingly ignored every non-empty cell.
    func checkUnmatched() throws {
        guard !options.ignoreUnmatched, let assembler, let checks else { return }
        let filled = assembler.plan.unmatchedColumns.filter { checks.filledCells[$0] > 0 }
        guard !filled.isEmpty else { return }
        throw ImportError.unmatchedColumns(
            file: reader.path,
            columns: filled.map {
                ImportError.UnmatchedColumn(position: $0 + 1, header: header[$0], filledCells: checks.filledCells[$0])
            })
    }

    /// Compares the source's values of calculations with fabrique's, for an accepted row: the
    /// bytes first, as they nearly always match, and only then the texts.
    func compareCalculations(
        _ calculated: [Int], _ records: CSVBatch, _ record: Int, _ workspace: ValidationWorkspace, plan: ColumnPlan,
        checks: inout ImportChecks
    ) {
        for column in calculated {
            guard case .calculated(let field) = plan.roles[column] else { continue }
            let range = records.range(record, column)
            let same = records.bytes.withUnsafeBytes { bytes in
                workspace.withValue(at: field) { value in value.map { $0.elementsEqual(UnsafeRawBufferPointer(rebasing: bytes[range])) } ?? false }
            }
            if same { continue }
            let source = records.string(record, column)
            let computed = workspace.value(at: field)
            let line = records.lines[record]
            if !Self.sameValue(source, computed) {
                checks.note(
                    .calculationDiffers, line: line, column: header[column], detail: "source « \(source) », computed « \(computed ?? "") »")
            }
        }
    }

    /// Whether a source's calculated value says what fabrique computed: the same text, the same
    /// number (`0,5` and `0.5`), or the same words in any case.
    static func sameValue(_ source: String, _ computed: String?) -> Bool {
        let text = source.trimmingASCIIWhitespace()
        guard let computed, !computed.isEmpty else { return text.isEmpty }
        if text == computed { return true }
        if let a = AnswerParsing.decimal(text), let b = AnswerParsing.decimal(computed) { return abs(a - b) <= 1e-9 * max(1, abs(b)) }
        return text.folded == computed.folded
    }

    /// The summary's warnings from the per-row checks, in a fixed order.
    func checkWarnings() -> [String] {
        guard let assembler, let checks else { return [] }
        var warnings: [String] = []
        for column in assembler.plan.unmatchedColumns {
            let count = checks.filledCells[column]
            warnings.append(
                count == 0
                    ? "column \(column + 1) '\(header[column])' matches no question and is empty"
                    : "column \(column + 1) '\(header[column])' matches no question: "
                        + "its \(count) non-empty cell(s) were not imported (--ignore-unmatched)"
            )
        }
        func first(_ kind: ImportNote) -> String {
            guard let first = checks[kind].first else { return "" }
            return "first: line \(first.line), column '\(first.column)': \(first.detail)"
        }
        let order = dateOrder == .dmy ? "day first (dd/mm/yyyy)" : "month first (mm/dd/yyyy)"
        if checks[.timeDropped].count > 0 {
            warnings.append(
                "\(checks[.timeDropped].count) date(s) held a time, which was dropped: a date question keeps the day only (\(first(.timeDropped)))")
        }
        if checks[.ambiguousDate].count > 0 {
            warnings.append(
                "\(checks[.ambiguousDate].count) date(s) could be read day first or month first and were read \(order), \(dateOrderSource) "
                    + "(\(first(.ambiguousDate))); pass --date-order \(dateOrder == .dmy ? "mdy" : "dmy") if that is wrong"
            )
        }
        let contrary: ImportNote = dateOrder == .dmy ? .monthFirstDate : .dayFirstDate
        if checks[contrary].count > 0 {
            warnings.append(
                "\(checks[contrary].count) date(s) can only be read \(dateOrder == .dmy ? "month first" : "day first") and were refused, "
                    + "since dates are read \(order) (\(first(contrary))); "
                    + "if the file writes dates that way, import it again with --date-order \(dateOrder == .dmy ? "mdy" : "dmy")"
            )
        }
        if checks[.notApplicableMarker].count > 0 {
            warnings.append("\(checks[.notApplicableMarker].count) cell(s) holding 'n/a' were read as no answer (\(first(.notApplicableMarker)))")
        }
        if checks[.calculationDiffers].count > 0 {
            warnings.append(
                "\(checks[.calculationDiffers].count) value(s) of calculated columns differ from fabrique's computation, "
                    + "which is what is stored (\(first(.calculationDiffers)))"
            )
        }
        if checks[.summaryDiffers].count > 0 {
            warnings.append(
                "\(checks[.summaryDiffers].count) row(s) have a summary column that disagrees with its split columns; "
                    + "the summary column is used when it is filled (\(first(.summaryDiffers)))"
            )
        }
        return warnings
    }
}

import FabriqueCSV
import FabriqueCore

/// Turns one CSV record into the raw answers the validator reads: codes or labels (any case, any
/// accents) become codes, multi-select conventions become space-separated codes, rank positions
/// become an ordered list, month-first dates become day-first. Values it cannot read are passed
/// on unchanged, so that the validator names them; a 0/1 column holding something else is
/// reported here. What it changes without refusing the row is counted in `ImportChecks`.
public struct RowAssembler: Sendable {
    let plan: ColumnPlan
    let fields: [AnswerField]
    /// How slashed dates are read.
    let dateOrder: DateOrder
    /// Per field: exact codes (also looked up from an answer's bytes), and folded code or label → code.
    let codes: [ChoiceCodes]
    let folded: [[String: String]]
    /// Per field: the choice codes in list order, to order option columns.
    let order: [[String]]
    /// Per field: codes made of digits by their number, where that number is unambiguous.
    let numeric: [[Int: String]]
    /// Per field: whether option columns also give it, so that a summary column is compared with them.
    let hasOptionColumns: [Bool]

    /// Prepares the lookups for a survey and a column plan.
    public init(plan: ColumnPlan, survey: Survey, dateOrder: DateOrder = .dmy) {
        self.plan = plan
        self.dateOrder = dateOrder
        fields = survey.fields
        var folded: [[String: String]] = []
        var order: [[String]] = []
        for field in fields {
            let choices: [Choice] =
                switch field.kind {
                case .likertItem: field.question.choices.flatMap(survey.choiceList(named:))?.items ?? []
                case .question where field.valueType.usesChoices: survey.choices(for: field.question)
                default: []
                }
            var lookup: [String: String] = [:]
            for choice in choices { lookup[choice.label.folded] = choice.value }
            for choice in choices { lookup[choice.value.folded] = choice.value }
            folded.append(lookup)
            order.append(choices.map(\.value))
        }
        codes = order.map(ChoiceCodes.init)
        self.folded = folded
        self.order = order
        numeric = order.map { list in
            let pairs = list.compactMap { code in code.allSatisfy(\.isASCII) ? Int(code).map { ($0, code) } : nil }
            return Dictionary(pairs, uniquingKeysWith: { _, _ in "" }).filter { !$0.value.isEmpty }
        }
        var hasOptions = Array(repeating: false, count: fields.count)
        for role in plan.roles { if case .option(let field, _) = role { hasOptions[field] = true } }
        hasOptionColumns = hasOptions
    }

    /// Gives one record of a batch to the workspace, as the raw answers aligned with the survey's
    /// fields, and returns the response id and the problems with 0/1 columns. Only the columns the
    /// plan uses become text, and a value this thread has met before in the same column is not
    /// made again: `values` keeps what was made of it and numbers it for the validator, which
    /// then needs no text at all once it keeps the value's parse. Calculation columns that
    /// hold a value go to `calculated`, to be compared once the row is validated.
    func assemble(
        _ records: CSVBatch, _ record: Int, into workspace: ValidationWorkspace, values: ColumnValues,
        checks: inout ImportChecks, calculated: inout [Int]
    ) -> (id: String, problems: [String]) {
        let count = records.fieldCount(record)
        let line = records.lines[record]
        var options: [Int: Set<String>] = [:]
        var ranks: [Int: [(Int, String)]] = [:]
        var summaries: [Int: (column: Int, codes: String)] = [:]
        var problems: [String] = []
        workspace.beginResponse()
        records.bytes.withUnsafeBytes { bytes in
            for (column, role) in plan.roles.enumerated() where column < count {
                switch role {
                case .responseId, .ignored:
                    continue
                case .unmatched:
                    if !records.range(record, column).isEmpty { checks.filledCells[column] += 1 }
                case .calculated:
                    if !records.range(record, column).isEmpty { calculated.append(column) }
                case .variable(let field):
                    let range = records.range(record, column)
                    guard !range.isEmpty else {
                        if hasOptionColumns[field], summaries[field] == nil { summaries[field] = (column, "") }
                        continue
                    }
                    values.give(
                        UnsafeRawBufferPointer(rebasing: bytes[range]), column: column, field: field, line: line, by: self, to: workspace,
                        problems: &problems, checks: &checks)
                    if hasOptionColumns[field] { summaries[field] = (column, normalize(records.string(record, column), field: field).text) }
                case .option(let field, let code):
                    let value = records.string(record, column)
                    switch Self.flag(value, code: code, label: nil) {
                    case true?: options[field, default: []].insert(code)
                    case false?: options[field, default: []].formUnion([])
                    case nil:
                        problems.append(
                            "\(fields[field].name) (colonne de l'option « \(code) ») : "
                                + "« \(value) » n'est pas une valeur oui/non (1/0, Y/vide, oui/non)"
                        )
                    }
                case .rankPosition(let field, let position):
                    let value = records.string(record, column)
                    if !value.isEmpty { ranks[field, default: []].append((position, token(value, field: field))) }
                case .otherText(let field, let otherField):
                    let value = records.string(record, column).trimmingASCIIWhitespace()
                    if !value.isEmpty {
                        workspace.setText(value, at: otherField)
                        options[field, default: []].insert(Choice.otherValue)
                    }
                }
            }
        }
        for (field, chosen) in options {
            let split = order[field].filter(chosen.contains).joined(separator: " ")
            if let summary = summaries[field] {
                // Both a summary column and split columns: the summary is used when it is filled;
                // a disagreement is reported.
                let given = Set(summary.codes.splitOnASCIIWhitespace())
                if given != chosen {
                    checks.note(
                        .summaryDiffers, line: line, column: plan.header[summary.column],
                        detail: "« \(summary.codes) » against « \(split) » in its split columns")
                }
                if !workspace.isGiven(field) { workspace.setText(split, at: field) }
            } else if !workspace.isGiven(field) {
                workspace.setText(split, at: field)
            }
        }
        for (field, positions) in ranks where !workspace.isGiven(field) {
            workspace.setText(positions.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: " "), at: field)
        }
        guard let idColumn = plan.idColumn else { return (Self.contentId(records, record), problems) }
        let id = idColumn < count ? records.string(record, idColumn).trimmingASCIIWhitespace() : ""
        return (id, problems)
    }

    /// `--generate-ids`: an id made from the record's every cell, so that the same row gives the
    /// same id in every import (SHA-256 of the cells separated by 0x1F, first 20 hex digits).
    static func contentId(_ records: CSVBatch, _ record: Int) -> String {
        var bytes: [UInt8] = []
        for column in 0..<records.fieldCount(record) {
            if column > 0 { bytes.append(0x1F) }
            bytes.append(contentsOf: records.bytes[records.range(record, column)])
        }
        return "row-" + SHA256.hex(bytes).prefix(20)
    }
}

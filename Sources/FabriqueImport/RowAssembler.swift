import FabriqueCore
import FabriqueCSV

/// Turns one CSV record into the raw answers the validator reads: codes or labels (any case, any
/// accents) become codes, multi-select conventions become space-separated codes, rank positions
/// become an ordered list. Values it cannot read are passed on unchanged, so that the validator
/// names them; a 0/1 column holding something else is reported here.
public struct RowAssembler: Sendable {
    let plan: ColumnPlan
    let fields: [AnswerField]
    /// Per field: exact codes (also looked up from an answer's bytes), and folded code or label → code.
    let codes: [ChoiceCodes]
    let folded: [[String: String]]
    /// Per field: the choice codes in list order, to order option columns.
    let order: [[String]]
    /// Per field: codes made of digits by their number, where that number is unambiguous.
    let numeric: [[Int: String]]

    /// Prepares the lookups for a survey and a column plan.
    public init(plan: ColumnPlan, survey: Survey) {
        self.plan = plan
        fields = survey.fields
        var folded: [[String: String]] = []
        var order: [[String]] = []
        for field in fields {
            let choices: [Choice] = switch field.kind {
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
    }

    /// Gives one record of a batch to the workspace, as the raw answers aligned with the survey's
    /// fields, and returns the response id and the problems with 0/1 columns. Only the columns the
    /// plan uses become text, and a value this thread has met before in the same column is not
    /// made again: `values` keeps what was made of it and numbers it for the validator, which
    /// then needs no text at all once it keeps the value's parse.
    func assemble(_ records: CSVBatch, _ record: Int, into workspace: ValidationWorkspace, values: ColumnValues) -> (id: String, problems: [String]) {
        let count = records.fieldCount(record)
        var options: [Int: Set<String>] = [:]
        var ranks: [Int: [(Int, String)]] = [:]
        var problems: [String] = []
        workspace.beginResponse()
        records.bytes.withUnsafeBytes { bytes in
            for (column, role) in plan.roles.enumerated() where column < count {
                switch role {
                case .responseId, .ignored:
                    continue
                case let .variable(field):
                    let range = records.range(record, column)
                    guard !range.isEmpty else { continue }
                    values.give(UnsafeRawBufferPointer(rebasing: bytes[range]), column: column, field: field, by: self, to: workspace, problems: &problems)
                case let .option(field, code):
                    let value = records.string(record, column)
                    switch Self.flag(value, code: code, label: nil) {
                    case true?: options[field, default: []].insert(code)
                    case false?: options[field, default: []].formUnion([])
                    case nil: problems.append("\(fields[field].name) (colonne de l'option « \(code) ») : « \(value) » n'est pas une valeur oui/non (1/0, Y/vide, oui/non)")
                    }
                case let .rankPosition(field, position):
                    let value = records.string(record, column)
                    if !value.isEmpty { ranks[field, default: []].append((position, token(value, field: field))) }
                case let .otherText(field, otherField):
                    let value = records.string(record, column).trimmingASCIIWhitespace()
                    if !value.isEmpty {
                        workspace.setText(value, at: otherField)
                        options[field, default: []].insert(Choice.otherValue)
                    }
                }
            }
        }
        for (field, chosen) in options where !workspace.isGiven(field) {
            workspace.setText(order[field].filter(chosen.contains).joined(separator: " "), at: field)
        }
        for (field, positions) in ranks where !workspace.isGiven(field) {
            workspace.setText(positions.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: " "), at: field)
        }
        let id = plan.idColumn < count ? records.string(record, plan.idColumn).trimmingASCIIWhitespace() : ""
        return (id, problems)
    }

    /// A value as the validator expects it for this field, and a problem when a label of several
    /// words matches no choice (the validator would otherwise name only its first word).
    func normalize(_ value: String, field: Int) -> (String, String?) {
        switch fields[field].valueType {
        case .selectOne:
            return (token(value, field: field), nil)
        case .selectMultiple, .rank:
            // Fast path: codes separated by spaces, as fabrique and Kobo write them.
            if codes[field].allWordsAreCodes(value) { return (value, nil) }
            let words = value.splitOnASCIIWhitespace()
            let trimmed = value.trimmingASCIIWhitespace()
            if let whole = folded[field][trimmed.folded] { return (whole, nil) }
            // Labels are separated by ';'; without one, the words are codes or one-word labels.
            let parts = trimmed.contains(";") ? trimmed.split(separator: ";").map { String($0).trimmingASCIIWhitespace() } : words
            let tokens = parts.filter { !$0.isEmpty }.map { ($0, token($0, field: field)) }
            let unknown = tokens.filter { !codes[field].contains($0.1) }.map(\.0)
            let known = tokens.map(\.1).filter(codes[field].contains).joined(separator: " ")
            guard !unknown.isEmpty else { return (known, nil) }
            let named = trimmed.contains(";") ? unknown.map { "« \($0) »" }.joined(separator: ", ") : "« \(trimmed) »"
            return (known, "\(fields[field].name) : \(named) ne correspond à aucune réponse proposée (codes, ou libellés séparés par « ; »)")
        default:
            return (value, nil)
        }
    }

    /// One code, from a code or a label written in any case and with or without accents.
    func token(_ value: String, field: Int) -> String {
        let trimmed = value.trimmingASCIIWhitespace()
        if codes[field].contains(trimmed) { return trimmed }
        if let code = folded[field][trimmed.folded] { return code }
        // Excel drops leading zeros: "1" for the code "01", "2" for "02".
        if let number = Int(trimmed), let code = numeric[field][number] { return code }
        return trimmed
    }

    /// Reads a checkbox cell: true, false, or nil when it is neither.
    static func flag(_ value: String, code: String, label: String?) -> Bool? {
        let text = value.trimmingASCIIWhitespace().folded
        if ["", "0", "n", "no", "non", "false", "faux", "unchecked", "non coche", "non cochee"].contains(text) { return false }
        if ["1", "y", "yes", "o", "oui", "true", "vrai", "x", "checked", "coche", "cochee"].contains(text) || text == code.folded { return true }
        return nil
    }
}

/// What one validating thread has made of each column's values: the assembler's text for the
/// validator (codes from labels, multi-select conventions…) and its problem, by the value's
/// bytes, for up to `limit` distinct values per column. Not thread-safe: one per thread.
final class ColumnValues {
    /// What one column keeps: its values' numbers, what was made of each, and whether its table
    /// is still worth searching.
    private struct Column {
        var table: ByteKeyTable
        var made: [(text: String, problem: String?)] = []
        /// Whether this column is the only one giving its field's answer, so that its numbers
        /// can stand for the field's raw text in the workspace (`ValidationWorkspace.setKey`).
        let numbersField: Bool
        /// Once the table is full: values looked up and found. A full table that finds fewer
        /// than one value in four (amounts, dates, phone numbers: nearly every value new) is no
        /// longer searched: hashing and probing it would cost more than it saves.
        var fullLookups = 0
        var fullHits = 0
        var searched = true
    }

    /// The columns, in memory of their own behind a constant pointer: as a class's array they
    /// would pay a dynamic exclusivity check on every access, one per value of every row.
    private let columns: UnsafeMutableBufferPointer<Column>
    static let judgedAfter = 2048

    init(plan: ColumnPlan, limit: Int = 512) {
        // A field answered by one whole-answer column only; options, ranks and "other" texts
        // build their field's text from several columns.
        var wholeColumns: [Int: Int] = [:]
        var builtFields: Set<Int> = []
        for role in plan.roles {
            switch role {
            case let .variable(field): wholeColumns[field, default: 0] += 1
            case let .option(field, _), let .rankPosition(field, _): builtFields.insert(field)
            case let .otherText(field, otherField): builtFields.formUnion([field, otherField])
            case .responseId, .ignored: break
            }
        }
        columns = .allocate(capacity: plan.roles.count)
        _ = columns.initialize(from: plan.roles.map { role in
            let numbersField = if case let .variable(field) = role { wholeColumns[field] == 1 && !builtFields.contains(field) } else { false }
            return Column(table: ByteKeyTable(limit: limit), numbersField: numbersField)
        })
    }

    deinit {
        columns.deinitialize()
        columns.deallocate()
    }

    /// Gives a value to the workspace: the assembler's `normalize` of it, made once per distinct
    /// value of the column, and its number when it stands for the field's raw text. The text is
    /// not given when the workspace keeps the numbered value's parse.
    func give(_ bytes: UnsafeRawBufferPointer, column: Int, field: Int, by assembler: RowAssembler, to workspace: ValidationWorkspace,
              problems: inout [String]) {
        let number = columns[column].searched ? lookUp(bytes, column: column) : nil
        guard let number, number < columns[column].made.count else {
            let (text, problem) = assembler.normalize(String(decoding: bytes, as: UTF8.self), field: field)
            if number != nil { columns[column].made.append((text, problem)) }
            if let number, columns[column].numbersField { workspace.setKey(Int32(number), at: field) }
            workspace.setText(text, at: field)
            if let problem { problems.append(problem) }
            return
        }
        if columns[column].numbersField {
            workspace.setKey(Int32(number), at: field)
            if workspace.needsText(at: field) { workspace.setText(columns[column].made[number].text, at: field) }
        } else {
            workspace.setText(columns[column].made[number].text, at: field)
        }
        if let problem = columns[column].made[number].problem { problems.append(problem) }
    }

    /// The value's number in its column's table, counting how often a full table still finds one.
    private func lookUp(_ bytes: UnsafeRawBufferPointer, column: Int) -> Int? {
        let number = columns[column].table.number(of: bytes)
        if columns[column].table.isFull {
            columns[column].fullLookups += 1
            if number != nil { columns[column].fullHits += 1 }
            if columns[column].fullLookups == Self.judgedAfter {
                columns[column].searched = 4 * columns[column].fullHits >= Self.judgedAfter
            }
        }
        return number
    }

    /// Whether a column's table is still searched (for tests).
    func isSearched(column: Int) -> Bool { columns[column].searched }
}

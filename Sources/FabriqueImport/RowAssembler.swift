import FabriqueCore

/// Turns one CSV record into the raw answers the validator reads: codes or labels (any case, any
/// accents) become codes, multi-select conventions become space-separated codes, rank positions
/// become an ordered list. Values it cannot read are passed on unchanged, so that the validator
/// names them; a 0/1 column holding something else is reported here.
public struct RowAssembler: Sendable {
    let plan: ColumnPlan
    let fields: [AnswerField]
    /// Per field: exact codes, and folded code or label → code.
    let codes: [Set<String>]
    let folded: [[String: String]]
    /// Per field: the choice codes in list order, to order option columns.
    let order: [[String]]
    /// Per field: codes made of digits by their number, where that number is unambiguous.
    let numeric: [[Int: String]]

    /// Prepares the lookups for a survey and a column plan.
    public init(plan: ColumnPlan, survey: Survey) {
        self.plan = plan
        fields = survey.fields
        var codes: [Set<String>] = []
        var folded: [[String: String]] = []
        var order: [[String]] = []
        for field in fields {
            let choices: [Choice] = switch field.kind {
            case .likertItem: field.question.choices.flatMap(survey.choiceList(named:))?.items ?? []
            case .question where field.valueType.usesChoices: survey.choices(for: field.question)
            default: []
            }
            codes.append(Set(choices.map(\.value)))
            var lookup: [String: String] = [:]
            for choice in choices { lookup[choice.label.folded] = choice.value }
            for choice in choices { lookup[choice.value.folded] = choice.value }
            folded.append(lookup)
            order.append(choices.map(\.value))
        }
        self.codes = codes
        self.folded = folded
        self.order = order
        numeric = order.map { list in
            let pairs = list.compactMap { code in code.allSatisfy(\.isASCII) ? Int(code).map { ($0, code) } : nil }
            return Dictionary(pairs, uniquingKeysWith: { _, _ in "" }).filter { !$0.value.isEmpty }
        }
    }

    /// The response id, the raw answers aligned with the survey's fields, and problems with 0/1 columns.
    public func assemble(_ record: [String]) -> (id: String, raw: [String?], problems: [String]) {
        assemble(count: record.count, known: nil) { record[$0] }
    }

    /// The same for a record of `count` fields read by position (from a batch's bytes: only the
    /// columns the plan uses become text). `known` keeps the calling thread's multi-select values.
    func assemble(count: Int, known: NormalizedAnswers?, field: (Int) -> String) -> (id: String, raw: [String?], problems: [String]) {
        var raw = [String?](repeating: nil, count: fields.count)
        var options: [Int: Set<String>] = [:]
        var ranks: [Int: [(Int, String)]] = [:]
        var problems: [String] = []
        for (index, role) in plan.roles.enumerated() where index < count && role != .ignored && role != .responseId {
            // Only the columns read become text.
            let value = field(index)
            switch role {
            case .responseId, .ignored:
                continue
            case let .variable(field):
                if !value.isEmpty {
                    let normalized: (String, String?)
                    if let kept = known?.normalized(value, field: field, by: self) { normalized = kept } else { normalized = normalize(value, field: field) }
                    let (text, problem) = normalized
                    raw[field] = text
                    if let problem { problems.append(problem) }
                }
            case let .option(field, code):
                switch Self.flag(value, code: code, label: nil) {
                case true?: options[field, default: []].insert(code)
                case false?: options[field, default: []].formUnion([])
                case nil: problems.append("\(fields[field].name) (colonne de l'option « \(code) ») : « \(value) » n'est pas une valeur oui/non (1/0, Y/vide, oui/non)")
                }
            case let .rankPosition(field, position):
                if !value.isEmpty { ranks[field, default: []].append((position, token(value, field: field))) }
            case let .otherText(field, otherField):
                let text = value.trimmingASCIIWhitespace()
                if !text.isEmpty {
                    raw[otherField] = text
                    options[field, default: []].insert(Choice.otherValue)
                }
            }
        }
        for (field, chosen) in options where raw[field] == nil {
            raw[field] = order[field].filter(chosen.contains).joined(separator: " ")
        }
        for (field, positions) in ranks where raw[field] == nil {
            raw[field] = positions.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: " ")
        }
        let id = plan.idColumn < count ? field(plan.idColumn).trimmingASCIIWhitespace() : ""
        return (id, raw, problems)
    }

    /// A value as the validator expects it for this field, and a problem when a label of several
    /// words matches no choice (the validator would otherwise name only its first word).
    func normalize(_ value: String, field: Int) -> (String, String?) {
        switch fields[field].valueType {
        case .selectOne:
            return (token(value, field: field), nil)
        case .selectMultiple, .rank:
            // Fast path: codes separated by spaces, as fabrique and Kobo write them.
            let words = value.splitOnASCIIWhitespace()
            if words.allSatisfy(codes[field].contains) { return (value, nil) }
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

/// Multi-select and rank values one thread has already normalized (see `FieldTextMemo`):
/// splitting them and looking up each word costs more than one lookup of the whole value.
final class NormalizedAnswers {
    private let memo: FieldTextMemo<(String, String?)>

    init(fields: Int) {
        memo = FieldTextMemo(fields: fields)
    }

    /// The assembler's `normalize` of a multi-select or rank value, kept; nil for other fields.
    func normalized(_ value: String, field: Int, by assembler: RowAssembler) -> (String, String?)? {
        switch assembler.fields[field].valueType {
        case .selectMultiple, .rank:
            if let known = memo.known(field, value) { return known }
            let result = assembler.normalize(value, field: field)
            memo.keep(field, value, result)
            return result
        default:
            return nil
        }
    }
}

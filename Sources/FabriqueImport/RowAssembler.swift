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
    }

    /// The response id, the raw answers aligned with the survey's fields, and problems with 0/1 columns.
    public func assemble(_ record: [String]) -> (id: String, raw: [String?], problems: [String]) {
        var raw = [String?](repeating: nil, count: fields.count)
        var options: [Int: Set<String>] = [:]
        var ranks: [Int: [(Int, String)]] = [:]
        var problems: [String] = []
        for (index, role) in plan.roles.enumerated() where index < record.count {
            let value = record[index]
            switch role {
            case .responseId, .ignored:
                continue
            case let .variable(field):
                if !value.isEmpty { raw[field] = normalize(value, field: field) }
            case let .option(field, code):
                switch Self.flag(value, code: code, label: nil) {
                case true?: options[field, default: []].insert(code)
                case false?: options[field, default: []].formUnion([])
                case nil: problems.append("column '\(code)' of \(fields[field].name): « \(value) » is not a yes/no value (1/0, Y/empty, oui/non)")
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
        let id = plan.idColumn < record.count ? record[plan.idColumn].trimmingASCIIWhitespace() : ""
        return (id, raw, problems)
    }

    /// A value as the validator expects it for this field.
    func normalize(_ value: String, field: Int) -> String {
        switch fields[field].valueType {
        case .selectOne:
            return token(value, field: field)
        case .selectMultiple, .rank:
            // Fast path: codes separated by spaces, as fabrique and Kobo write them.
            let words = value.splitOnASCIIWhitespace()
            if words.allSatisfy(codes[field].contains) { return value }
            let trimmed = value.trimmingASCIIWhitespace()
            if let whole = folded[field][trimmed.folded] { return whole }
            let parts = trimmed.contains(";") ? trimmed.split(separator: ";").map { String($0) } : words
            return parts.map { token($0, field: field) }.filter { !$0.isEmpty }.joined(separator: " ")
        default:
            return value
        }
    }

    /// One code, from a code or a label written in any case and with or without accents.
    func token(_ value: String, field: Int) -> String {
        let trimmed = value.trimmingASCIIWhitespace()
        if codes[field].contains(trimmed) { return trimmed }
        return folded[field][trimmed.folded] ?? trimmed
    }

    /// Reads a checkbox cell: true, false, or nil when it is neither.
    static func flag(_ value: String, code: String, label: String?) -> Bool? {
        let text = value.trimmingASCIIWhitespace().folded
        if ["", "0", "n", "no", "non", "false", "faux", "unchecked", "non coche", "non cochee"].contains(text) { return false }
        if ["1", "y", "yes", "o", "oui", "true", "vrai", "x", "checked", "coche", "cochee"].contains(text) || text == code.folded { return true }
        return nil
    }
}

import FabriqueCore

extension RowAssembler {
    /// A value as the validator expects it for this field; a problem when a label of several
    /// words matches no choice (the validator would otherwise name only its first word); and
    /// what was noticed on the way (a date's order or time, `n/a`).
    func normalize(_ value: String, field: Int) -> (text: String, problem: String?, notes: ValueNotes) {
        let type = fields[field].valueType
        if type != .text, value.utf8.count == 3, value.lowercased() == "n/a" { return ("", nil, .notApplicable) }
        switch type {
        case .selectOne:
            return (token(value, field: field), nil, [])
        case .date:
            let (text, notes) = DateReading.read(value, order: dateOrder)
            return (text, nil, notes)
        case .selectMultiple, .rank:
            // Fast path: codes separated by spaces, as fabrique and Kobo write them.
            if codes[field].allWordsAreCodes(value) { return (value, nil, []) }
            let words = value.splitOnASCIIWhitespace()
            let trimmed = value.trimmingASCIIWhitespace()
            if let whole = folded[field][trimmed.folded] { return (whole, nil, []) }
            // Labels are separated by ';'; without one, the words are codes or one-word labels.
            let parts = trimmed.contains(";") ? trimmed.split(separator: ";").map { String($0).trimmingASCIIWhitespace() } : words
            let tokens = parts.filter { !$0.isEmpty }.map { ($0, token($0, field: field)) }
            let unknown = tokens.filter { !codes[field].contains($0.1) }.map(\.0)
            let known = tokens.map(\.1).filter(codes[field].contains).joined(separator: " ")
            guard !unknown.isEmpty else { return (known, nil, []) }
            let named = trimmed.contains(";") ? unknown.map { "« \($0) »" }.joined(separator: ", ") : "« \(trimmed) »"
            return (
                known, "\(fields[field].name) : \(named) ne correspond à aucune réponse proposée (codes, ou libellés séparés par « ; »)", []
            )
        default:
            return (value, nil, [])
        }
    }

    /// One code, from a code or a label written in any case and with or without accents.
    func token(_ value: String, field: Int) -> String {
        let trimmed = value.trimmingASCIIWhitespace()
        if codes[field].contains(trimmed) { return trimmed }
        if let code = folded[field][trimmed.folded] { return code }
        // Excel drops leading zeros: "1" for the code "01", "2" for "02".
        if let number = Int(trimmed), let code = numeric[field][number] { return code }
        // LimeSurvey writes -oth- for "other" in a single choice.
        if trimmed == "-oth-", codes[field].contains(Choice.otherValue) { return Choice.otherValue }
        return trimmed
    }

    /// Reads a checkbox cell: true, false, or nil when it is neither. LimeSurvey's `N` (shown,
    /// not ticked) and an empty cell (not shown) both leave the choice unticked.
    static func flag(_ value: String, code: String, label: String?) -> Bool? {
        let text = value.trimmingASCIIWhitespace().folded
        if ["", "0", "n", "no", "non", "false", "faux", "unchecked", "non coche", "non cochee", "n/a"].contains(text) { return false }
        if ["1", "y", "yes", "o", "oui", "true", "vrai", "x", "checked", "coche", "cochee"].contains(text) || text == code.folded { return true }
        return nil
    }
}

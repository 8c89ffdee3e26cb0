import FabriqueCore

extension REDCapBuilder {
    /// Applies a text field's validation: its type (date, integer, number, email…) and its min
    /// and max as a `warning`, since REDCap accepts a value outside them once the user confirms.
    /// False when the validation cannot be represented (reported).
    func applyValidation(_ question: inout Question, _ row: TabularRow) -> Bool {
        let validation = row["validation"].lowercased()
        let name = question.name
        var isDate = false
        switch validation {
        case "":
            break
        case "date_ymd", "date_dmy", "date_mdy":
            question.type = .date
            isDate = true
        case "integer":
            question.type = .integer
        case _ where validation.hasPrefix("number"):
            question.type = .decimal
        case "email":
            question.constraint = draft.expression(
                "regex(., '^[^@ ]+@[^@ ]+[.][^@ ]+$')", original: "", role: "constraint", owner: name, at: row.place("validation"))
            question.constraintMessage = "Saisissez une adresse électronique valide (par exemple prenom.nom@ville.fr)."
        case "alpha_only":
            question.constraint = draft.expression(
                "regex(., '^[A-Za-z]+$')", original: "", role: "constraint", owner: name, at: row.place("validation"))
            question.constraintMessage = "Saisissez des lettres seulement."
        case "mrn_10d":
            question.constraint = draft.expression(
                "regex(., '^[0-9]{10}$')", original: "", role: "constraint", owner: name, at: row.place("validation"))
            question.constraintMessage = "Saisissez un numéro de 10 chiffres."
        case _ where validation.hasPrefix("datetime") || validation.hasPrefix("time"):
            draft.leftOut.insert(name)
            draft.unsupported(
                row.place("validation"),
                "validation '\(validation)' of '\(name)': fabrique records dates without times; "
                    + "change the field to date_ymd in REDCap, or rerun with --skip-unsupported to leave '\(name)' out"
            )
            return false
        default:
            draft.note(row.place("validation"), "validation '\(validation)' of '\(name)' is not kept: the answer is a free text")
        }
        // A bound read from another field needs that field's answer first: fabrique's rules read
        // earlier answers only (the web form judges a page with what came before it).
        let earlier = Set(draft.sections.flatMap { $0.questions.map(\.name) })
        let low = bound("min", of: row, owner: name, isDate: isDate, earlier: earlier)
        let high = bound("max", of: row, owner: name, isDate: isDate, earlier: earlier)
        guard low != nil || high != nil else { return true }
        guard question.type != .text else {
            draft.note(row.place("min"), "the min and max of '\(name)' are not kept: they need a number or date validation")
            return true
        }
        let parts = [low.map { ". >= \($0)" }, high.map { ". <= \($0)" }].compactMap { $0 }
        question.warning = draft.expression(
            parts.joined(separator: " and "), original: "\(row["min"])…\(row["max"])", role: "warning", owner: name,
            at: row.place(low != nil ? "min" : "max"))
        let shown = { (text: String) in
            if text.lowercased() == "today" || text.lowercased() == "now" { return "aujourd'hui" }
            return Self.fieldReference(text).map { "la réponse « \($0) »" } ?? text
        }
        // The message names the bounds kept, so that it never announces one that is not checked.
        question.warningMessage =
            switch (low, high) {
            case (_?, _?):
                "Valeur inhabituelle : elle est attendue entre \(shown(row["min"])) et \(shown(row["max"])). Vérifiez-la avant de continuer."
            case (_?, nil): "Valeur inhabituelle : elle est attendue à partir de \(shown(row["min"])). Vérifiez-la avant de continuer."
            default: "Valeur inhabituelle : elle est attendue jusqu'à \(shown(row["max"])). Vérifiez-la avant de continuer."
            }
        return true
    }

    /// The `column` (min or max) of a row in fabrique's language: a number, a quoted date,
    /// `today()`, or an earlier field's answer (REDCap's `[field]`); nil when empty, or, named in
    /// the notes, when fabrique cannot check it.
    private func bound(_ column: String, of row: TabularRow, owner name: String, isDate: Bool, earlier: Set<String>) -> String? {
        let text = row[column]
        guard !text.isEmpty else { return nil }
        if ["today", "now"].contains(text.lowercased()) { return "today()" }
        if let field = Self.fieldReference(text) {
            if earlier.contains(field) { return "${\(field)}" }
            draft.note(
                row.place(column),
                "the \(column) '\(text)' of '\(name)' is not kept: "
                    + "'\(field)' is not a field asked before '\(name)', and fabrique's checks read earlier answers only")
            return nil
        }
        if isDate { return "'\(text.prefix(10))'" }
        if Double(text) != nil { return text }
        draft.note(row.place(column), "the \(column) '\(text)' of '\(name)' is not kept: it is neither a number, a date, 'today' nor a [field]")
        return nil
    }

    /// The field a min or max names (`[field]`), or nil.
    private static func fieldReference(_ text: String) -> String? {
        guard let match = text.wholeMatch(of: /\[([A-Za-z_][A-Za-z0-9_]*)\]/) else { return nil }
        return String(match.1)
    }
}

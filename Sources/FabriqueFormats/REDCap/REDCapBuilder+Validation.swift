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
        var low = bound(row["min"], isDate: isDate)
        var high = bound(row["max"], isDate: isDate)
        for (column, text, value) in [("min", row["min"], low), ("max", row["max"], high)] where !text.isEmpty && value == nil {
            draft.note(row.place(column), "the \(column) '\(text)' of '\(name)' is not kept: it is neither a number, a date, 'today' nor a [field]")
        }
        // A bound read from another field needs that field's answer first: fabrique's rules read
        // earlier answers only (the web form judges a page with what came before it).
        let earlier = Set(draft.sections.flatMap { $0.questions.map(\.name) })
        for (column, text) in [("min", row["min"]), ("max", row["max"])] {
            guard let field = Self.fieldReference(text), !earlier.contains(field) else { continue }
            draft.note(
                row.place(column),
                "the \(column) '\(text)' of '\(name)' is not kept: "
                    + "'\(field)' is not a field asked before '\(name)', and fabrique's checks read earlier answers only"
            )
            if column == "min" { low = nil } else { high = nil }
        }
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
        question.warningMessage =
            switch (row["min"].isEmpty, row["max"].isEmpty) {
            case (false, false):
                "Valeur inhabituelle : elle est attendue entre \(shown(row["min"])) et \(shown(row["max"])). Vérifiez-la avant de continuer."
            case (false, true): "Valeur inhabituelle : elle est attendue à partir de \(shown(row["min"])). Vérifiez-la avant de continuer."
            default: "Valeur inhabituelle : elle est attendue jusqu'à \(shown(row["max"])). Vérifiez-la avant de continuer."
            }
        return true
    }

    /// A min or max in fabrique's language: a number, a quoted date, `today()`, or another
    /// field's answer (REDCap's `[field]`).
    private func bound(_ text: String, isDate: Bool) -> String? {
        guard !text.isEmpty else { return nil }
        if ["today", "now"].contains(text.lowercased()) { return "today()" }
        if let field = Self.fieldReference(text) { return "${\(field)}" }
        if isDate { return "'\(text.prefix(10))'" }
        return Double(text) != nil ? text : nil
    }

    /// The field a min or max names (`[field]`), or nil.
    private static func fieldReference(_ text: String) -> String? {
        guard let match = text.wholeMatch(of: /\[([A-Za-z_][A-Za-z0-9_]*)\]/) else { return nil }
        return String(match.1)
    }
}

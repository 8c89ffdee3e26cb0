import FabriqueCore

extension REDCapBuilder {
    /// A field as a question, or nil when it cannot be represented (reported).
    mutating func question(_ row: TabularRow) -> Question? {
        let name = row["field_name"]
        let fieldType = row["field_type"].lowercased()
        guard SurveyParser.isName(name) else {
            draft.leftOut.insert(name)
            draft.unsupported(
                row.place("field_name"),
                "variable name '\(name)' cannot be kept: fabrique's names take letters, digits and '_' only; rename it in REDCap")
            return nil
        }
        var question = Question(
            name: name, type: .text, label: PlainText.plain(row["field_label"]), location: draft.location(row.place("field_name")))
        if question.label.isEmpty { question.label = name }
        question.hint = row["field_note"].isEmpty ? nil : PlainText.plain(row["field_note"])
        question.required = row["required"].lowercased() == "y"
        func leaveOut(_ message: String) -> Question? {
            draft.leftOut.insert(name)
            draft.unsupported(row.place("field_type"), "\(message); or rerun with --skip-unsupported to leave '\(name)' out")
            return nil
        }
        switch fieldType {
        case "text":
            guard applyValidation(&question, row) else { return nil }
        case "notes":
            question.appearance = "multiline"
        case "radio", "dropdown", "checkbox":
            question.type = fieldType == "checkbox" ? .selectMultiple : .selectOne
            guard let list = list(row["choices"], for: name, row: row) else { return leaveOut("'\(name)' has no usable choices") }
            question.choices = list
        case "yesno", "truefalse":
            question.type = .selectOne
            let labels = fieldType == "yesno" ? ("Oui", "Non") : ("Vrai", "Faux")
            question.choices = list("1, \(labels.0) | 0, \(labels.1)", for: fieldType, row: row)
        case "calc":
            question.type = .calculate
            question.required = false
            guard let calculation = expression(row["choices"], role: "calculation", owner: name, at: row.place("choices")) else {
                draft.leftOut.insert(name)
                return nil
            }
            question.calculation = calculation
        case "descriptive":
            question.type = .note
            question.required = false
        case "slider":
            question.type = .integer
            let low = Double(row["min"]) ?? 0
            let high = Double(row["max"]) ?? 100
            question.constraint = draft.expression(
                ". >= \(format(low)) and . <= \(format(high))", original: "", role: "constraint", owner: name, at: row.place("field_type"))
            question.constraintMessage = "La valeur doit être comprise entre \(format(low)) et \(format(high))."
            let labels = row["choices"].components(separatedBy: "|").map { PlainText.plain($0.trimmingCharacters(in: .whitespaces)) }
            if labels.contains(where: { !$0.isEmpty }) {
                question.hint = [
                    question.hint, "Curseur de \(format(low)) à \(format(high)) : " + labels.filter { !$0.isEmpty }.joined(separator: " … ")
                ]
                .compactMap { $0 }.joined(separator: "\n")
            }
        case "file":
            return leaveOut("'file' (an upload): fabrique stores no files; ask for a description (text) instead")
        case "sql":
            return leaveOut("'sql' fields query REDCap's database; fabrique has no equivalent: use a dropdown with the values copied in")
        default:
            return leaveOut(
                "field type '\(fieldType)' is not one REDCap documents "
                    + "(text, notes, radio, dropdown, checkbox, yesno, truefalse, calc, descriptive, slider, file)"
            )
        }
        if !row["branching"].isEmpty {
            guard let relevant = expression(row["branching"], role: "branching logic", owner: name, at: row.place("branching")) else {
                draft.leftOut.insert(name)
                return nil
            }
            question.relevant = relevant
        }
        return question
    }

    /// A likert block for a matrix group of radio fields on one scale of whole-number codes, or nil.
    mutating func likert(_ rows: [TabularRow]) -> Question? {
        let first = rows[0]
        guard
            rows.allSatisfy({
                ["radio", "dropdown"].contains($0["field_type"].lowercased()) && $0["choices"] == first["choices"]
                    && $0["branching"] == first["branching"] && $0["required"] == first["required"] && SurveyParser.isName($0["field_name"])
            }),
            SurveyParser.isName(first["matrix_group"])
        else { return nil }
        let codes = first["choices"].components(separatedBy: "|").map {
            $0.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        guard codes.allSatisfy({ Int($0) != nil }), let list = list(first["choices"], for: first["matrix_group"], row: first) else { return nil }
        let header = PlainText.plain(first["section_header"])
        var question = Question(
            name: first["matrix_group"], type: .likert, label: header.isEmpty ? first["matrix_group"] : header,
            required: first["required"].lowercased() == "y", choices: list,
            location: draft.location(first.place("matrix_group")))
        question.items = rows.map {
            LikertItem(name: $0["field_name"], label: PlainText.plain($0["field_label"]), location: draft.location($0.place("field_name")))
        }
        if !first["branching"].isEmpty {
            guard let relevant = expression(first["branching"], role: "branching logic", owner: question.name, at: first.place("branching")) else {
                return nil
            }
            question.relevant = relevant
        }
        return question
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

import FabriqueCore

extension XLSFormContext {
    /// When the group starting at `start` is a likert block (appearance `table-list`, holding only
    /// select_one rows on one list of whole-number codes, with no condition of their own), the
    /// index of its `end_group` row.
    func likertEnd(_ rows: [Int], from start: Int) -> Int? {
        guard survey.value(rows[start], "appearance")?.contains("table-list") == true else { return nil }
        var list: String?
        var index = start + 1
        while index < rows.count {
            let row = rows[index]
            guard let type = survey.value(row, "type").map(XLSFormType.init) else {
                index += 1
                continue
            }
            if type == .endGroup {
                guard let list, choices.has(list), choices.values(list).allSatisfy({ Int($0) != nil }) else { return nil }
                return index
            }
            guard case .question(.selectOne, let rowList, false) = type, let rowList, list == nil || list == rowList,
                survey.value(row, "relevant") == nil, survey.value(row, "choice_filter") == nil, survey.value(row, "default") == nil,
                SurveyParser.isName(survey.value(row, "name") ?? "")
            else { return nil }
            list = rowList
            index += 1
        }
        return nil
    }

    /// Adds the likert block made of a table-list group's rows (from `begin_group` to `end_group`).
    mutating func addLikert(_ rows: ArraySlice<Int>) {
        let groupRow = rows.first!
        let itemRows = rows.dropFirst().dropLast().filter { survey.value($0, "type") != nil }
        let name = survey.value(groupRow, "name") ?? "likert_\(groupRow)"
        guard SurveyParser.isName(name), let first = itemRows.first,
            case .question(_, let list?, _) = XLSFormType(survey.value(first, "type") ?? "")
        else { return }
        var question = Question(name: name, type: .likert, location: draft.location(survey.place(groupRow, "name")))
        question.label = text(groupRow, "label") ?? text(first, "label") ?? name
        question.hint = text(groupRow, "hint")
        question.choices = choices.use(list)
        question.group = groupPath
        question.required = itemRows.allSatisfy { ["yes", "true", "true()", "1"].contains(survey.value($0, "required")?.lowercased() ?? "") }
        if !question.required, itemRows.contains(where: { survey.value($0, "required") != nil && survey.value($0, "required")?.lowercased() != "no" })
        {
            draft.note(
                survey.place(first, "required"),
                "likert block '\(name)': some rows are required and others not; fabrique requires all rows or none, so none is")
        }
        if let relevant = survey.value(groupRow, "relevant") {
            question.relevant = translate(relevant, role: "relevant", owner: name, row: groupRow, column: "relevant", groups: groupConditions)
        } else if !groupConditions.isEmpty {
            question.relevant = draft.expression(
                groupConditions.map { "(\($0))" }.joined(separator: " and "), original: "", role: "relevant", owner: name,
                at: survey.place(groupRow, "name"))
        }
        if let constraint = survey.value(first, "constraint") {
            question.constraint = translate(constraint, role: "constraint", owner: name, row: first, column: "constraint")
            question.constraintMessage = text(first, "constraint_message")
        }
        if let warning = survey.value(first, "warning") {
            question.warning = translate(warning, role: "warning", owner: name, row: first, column: "warning")
            question.warningMessage = text(first, "warning_message")
        }
        question.items = itemRows.map { row in
            let itemName = survey.value(row, "name") ?? ""
            return LikertItem(name: itemName, label: text(row, "label") ?? itemName, location: draft.location(survey.place(row, "name")))
        }
        append(question)
    }
}

import FabriqueCore

extension XLSFormContext {
    /// The text of a column in the chosen language (`label::fr`), else the plain column.
    func text(_ row: Int, _ base: String) -> String? {
        if let key = language.key, let column = survey.languageColumns(base).first(where: { $0.language == key })?.column,
            let value = survey.value(row, column: column)
        {
            return value
        }
        return survey.value(row, base)
    }

    /// The place of a language-aware column.
    func place(_ row: Int, _ base: String) -> FormatPlace {
        if let key = language.key, let column = survey.languageColumns(base).first(where: { $0.language == key })?.column {
            return survey.place(row, column: column)
        }
        return survey.place(row, base)
    }

    /// An XLSForm expression in fabrique's language, or nil (reported) when it has no equivalent.
    func translate(_ text: String, role: String, owner: String, row: Int, column: String, groups: [String] = []) -> SourceExpression? {
        let place = survey.place(row, column)
        guard var translated = XLSFormExpression.translate(text, choiceFilter: role == "choice_filter") else {
            let unknown = ExpressionText.unknownFunctions(text)
            draft.unsupported(
                place,
                "\(role) of '\(owner)' calls \(unknown.map { "\($0)()" }.joined(separator: ", ")), which fabrique's expressions lack "
                    + "(see docs/questionnaire-format.md §6); rewrite the condition, or rerun with --skip-unsupported to leave '\(owner)' out"
            )
            return nil
        }
        if role == "constraint" || role == "warning" {
            // XLSForm lets a constraint name its own question; fabrique writes '.'.
            translated = ExpressionText.rewritingCode(translated) { $0.replacingOccurrences(of: "${\(owner)}", with: ".") }
        }
        let combined = groups.isEmpty ? translated : (groups + [translated]).map { "(\($0))" }.joined(separator: " and ")
        return draft.expression(combined, original: text, role: role, owner: owner, at: place)
    }

    /// The conditions of the nested groups around the current row, translated.
    var groupConditions: [String] {
        frames.compactMap(\.relevant).compactMap { XLSFormExpression.translate($0, choiceFilter: false) }
    }

    /// The group path of the current row (`outer/inner`), nil outside groups.
    var groupPath: String? {
        frames.isEmpty ? nil : frames.map(\.name).joined(separator: "/")
    }

    /// A question from a row, or nil when it cannot be represented (reported).
    mutating func question(_ row: Int, type: QuestionType, list: String?, other: Bool) -> Question? {
        let name = survey.value(row, "name") ?? ""
        guard SurveyParser.isName(name) else {
            draft.leftOut.insert(name)
            let suggestion = Names.sanitized(name)
            draft.unsupported(
                survey.place(row, "name"),
                name.isEmpty
                    ? "a \(type.rawValue) question has no name; give it one"
                    : "name '\(name)' cannot be kept: fabrique's names take letters, digits and '_' only, and exports are matched by name; "
                        + "rename it in the source (for example '\(suggestion)'), or rerun with --skip-unsupported to leave it out"
            )
            return nil
        }
        var question = Question(name: name, type: type, location: draft.location(survey.place(row, "name")))
        if let list {
            guard choices.has(list) else {
                draft.leftOut.insert(name)
                draft.unsupported(
                    survey.place(row, "type"),
                    "list '\(list)' of '\(name)' is not in the choices sheet; add it there, or rerun with --skip-unsupported to leave '\(name)' out")
                return nil
            }
            question.choices = choices.use(list)
        }
        question.other = other
        question.label = text(row, "label") ?? ""
        if question.label.isEmpty, type != .calculate {
            question.label = name
            draft.note(survey.place(row, "name"), "'\(name)' has no label; its name is used as label")
        }
        if question.label.contains("${") {
            draft.note(place(row, "label"), "the label of '\(name)' shows other answers (${…}); fabrique shows the label as written")
        }
        question.hint = text(row, "hint")
        question.appearance = survey.value(row, "appearance")
        question.group = groupPath
        if let required = survey.value(row, "required") {
            switch required.lowercased() {
            case "yes", "true", "true()", "1": question.required = type.isAnswered
            case "no", "false", "false()", "0": break
            default:
                draft.leftOut.insert(name)
                draft.unsupported(
                    survey.place(row, "required"),
                    "'required' of '\(name)' is a condition ('\(required)'); fabrique's required is yes or no: "
                        + "make the question required and put the condition in 'relevant', or rerun with --skip-unsupported to leave '\(name)' out"
                )
                return nil
            }
        }
        if text(row, "required_message") != nil {
            draft.note(
                place(row, "required_message"), "the required_message of '\(name)' is not kept: fabrique says « Cette question est obligatoire. »")
        }
        if let value = survey.value(row, "default") {
            draft.leftOut.insert(name)
            draft.unsupported(
                survey.place(row, "default"),
                "default '\(value)' of '\(name)': fabrique's form starts empty and has no default answers; "
                    + "remove the default, or rerun with --skip-unsupported to leave '\(name)' out"
            )
            return nil
        }
        var failed = false
        func expression(_ column: String, _ role: String, groups: [String] = []) -> SourceExpression? {
            guard let text = survey.value(row, column) else {
                return groups.isEmpty
                    ? nil
                    : draft.expression(
                        groups.map { "(\($0))" }.joined(separator: " and "), original: groups.joined(separator: " and "), role: role, owner: name,
                        at: survey.place(row, "name"))
            }
            let result = translate(text, role: role, owner: name, row: row, column: column, groups: groups)
            if result == nil { failed = true }
            return result
        }
        question.relevant = expression("relevant", "relevant", groups: groupConditions)
        question.constraint = expression("constraint", "constraint")
        question.constraintMessage = question.constraint == nil ? nil : text(row, "constraint_message")
        question.choiceFilter = expression("choice_filter", "choice_filter")
        question.calculation = expression("calculation", "calculation")
        question.warning = expression("warning", "warning")
        question.warningMessage = question.warning == nil ? nil : text(row, "warning_message")
        if type == .calculate, question.calculation == nil, !failed {
            draft.unsupported(
                survey.place(row, "calculation"),
                "calculate '\(name)' has no calculation; give it one, or rerun with --skip-unsupported to leave it out")
            failed = true
        }
        if failed {
            draft.leftOut.insert(name)
            return nil
        }
        return question
    }
}

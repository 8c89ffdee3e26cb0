import FabriqueCore

extension LimeSurveyBuilder {
    /// The questions a LimeSurvey question becomes: one, or one per subquestion for arrays,
    /// multiple numeric and multiple short text (named `CODE_SQ`, as Expression Manager names them).
    mutating func questions(_ row: TabularRow, subquestions: [TabularRow], answers: [TabularRow]) -> [Question] {
        let code = row["name"]
        let type = row["type/scale"]
        guard SurveyParser.isName(code) else {
            draft.leftOut.insert(code)
            draft.unsupported(
                row.place("name"),
                "question code '\(code)' cannot be kept: fabrique's names take letters, digits and '_' only; rename it in LimeSurvey")
            return []
        }
        var base = Question(name: code, type: .text, label: PlainText.plain(row["text"]), location: draft.location(row.place("name")))
        if base.label.isEmpty { base.label = code }
        if base.label.contains("{") {
            draft.note(row.place("text"), "the text of '\(code)' holds Expression Manager tailoring ({…}); fabrique shows it as written")
        }
        let help = PlainText.plain(row["help"])
        base.hint = help.isEmpty ? nil : help
        base.required = row["mandatory"] == "Y"
        if row["mandatory"] == "S" { draft.note(row.place("mandatory"), "'\(code)' is soft mandatory in LimeSurvey; fabrique makes it optional") }
        base.relevant = expression(row["relevance"], role: "relevance", owner: code, at: row.place("relevance"))
        let options = answers.filter { $0["type/scale"].isEmpty || $0["type/scale"] == "0" }.map { ($0["name"], PlainText.plain($0["text"])) }
        let items = subquestions.map { ($0["name"], PlainText.plain($0["text"])) }
        func leaveOut(_ message: String) -> [Question] {
            draft.leftOut.insert(code)
            draft.unsupported(row.place("type/scale"), "\(message); or rerun with --skip-unsupported to leave '\(code)' out")
            return []
        }
        func perItem(_ type: QuestionType, choices: String? = nil) -> [Question] {
            items.map { item in
                var question = base
                question.name = "\(code)_\(item.0)"
                question.type = type
                question.label = "\(base.label) — \(item.1)"
                question.choices = choices
                question.location = draft.location(row.place("name"))
                return question
            }
        }
        switch type {
        case "L", "!", "O", "5", "Y", "G":
            base.type = .selectOne
            let fixed: [(String, String)] =
                switch type {
                case "5": (1...5).map { (String($0), String($0)) }
                case "Y": [("Y", "Oui"), ("N", "Non")]
                case "G": [("F", "Femme"), ("M", "Homme")]
                default: options
                }
            guard !fixed.isEmpty else { return leaveOut("'\(code)' has no answer options") }
            base.choices = list(code, fixed, at: row.place("name"))
            base.other = row["other"] == "Y"
            if type == "O" {
                let comment = Question(
                    name: "\(code)_comment", type: .text, label: "\(base.label) — commentaire", relevant: base.relevant,
                    location: draft.location(row.place("name")))
                draft.note(
                    row.place("type/scale"), "the comment of '\(code)' is the text question '\(code)_comment' (LimeSurvey's column \(code)[comment])")
                return [base, comment]
            }
            if base.other {
                draft.note(
                    row.place("other"),
                    "the 'other' answer of '\(code)' has code 'other' in fabrique "
                        + "('-oth-' in LimeSurvey's exports) and its text goes to '\(code)_other'"
                )
            }
            return [base]
        case "M":
            guard !items.isEmpty else { return leaveOut("'\(code)' has no subquestions") }
            base.type = .selectMultiple
            base.choices = list(code, items, at: row.place("name"))
            base.other = row["other"] == "Y"
            multiple.insert(code)
            return [base]
        case "R":
            base.type = .rank
            base.choices = list(code, options, at: row.place("name"))
            return [base]
        case "F", "H", "A", "B", "E", "C":
            let scale: [(String, String)] =
                switch type {
                case "A": (1...5).map { (String($0), String($0)) }
                case "B": (1...10).map { (String($0), String($0)) }
                case "E": [("I", "Augmente"), ("S", "Identique"), ("D", "Diminue")]
                case "C": [("Y", "Oui"), ("U", "Incertain"), ("N", "Non")]
                default: options
                }
            guard !items.isEmpty, !scale.isEmpty else { return leaveOut("array '\(code)' has no subquestions or no answer options") }
            let listName = list(code, scale, at: row.place("name"))
            if scale.allSatisfy({ Int($0.0) != nil }) {
                base.type = .likert
                base.choices = listName
                base.items = items.map { LikertItem(name: "\(code)_\($0.0)", label: $0.1, location: draft.location(row.place("name"))) }
                return [base]
            }
            draft.note(
                row.place("type/scale"),
                "array '\(code)' has codes that are not whole numbers; "
                    + "its rows are separate questions \(code)_… (a likert block needs whole-number codes)"
            )
            return perItem(.selectOne, choices: listName)
        case "N":
            base.type = row["num_value_int_only"] == "1" ? .integer : .decimal
            let bounds = [
                row["min_num_value_n"].isEmpty ? nil : ". >= \(row["min_num_value_n"])",
                row["max_num_value_n"].isEmpty ? nil : ". <= \(row["max_num_value_n"])"
            ].compactMap { $0 }
            if !bounds.isEmpty {
                base.constraint = draft.expression(
                    bounds.joined(separator: " and "), original: "", role: "constraint", owner: code, at: row.place("name"))
                base.constraintMessage =
                    "La valeur doit être comprise entre \(row["min_num_value_n"].isEmpty ? "…" : row["min_num_value_n"]) "
                    + "et \(row["max_num_value_n"].isEmpty ? "…" : row["max_num_value_n"])."
            }
        case "K":
            return perItem(.decimal)
        case "Q":
            return perItem(.text)
        case "S", "T", "U":
            base.type = .text
            if type != "S" { base.appearance = "multiline" }
        case "D":
            base.type = .date
        case "X":
            base.type = .note
            base.required = false
        case "*":
            base.type = .calculate
            base.required = false
            let equation = row["equation"].isEmpty ? row["text"] : row["equation"]
            guard let calculation = expression(equation, role: "equation", owner: code, at: row.place(row["equation"].isEmpty ? "text" : "equation"))
            else {
                draft.leftOut.insert(code)
                return []
            }
            base.calculation = calculation
            base.label = code
            return [base]
        case "|":
            return leaveOut("'|' (file upload): fabrique stores no files")
        case "1":
            return leaveOut("'1' (array dual scale): fabrique has one scale per likert block; split it into two arrays in LimeSurvey")
        case ";", ":":
            return leaveOut("'\(type)' (array of texts or numbers): fabrique has no grid of free answers; use one question per cell")
        case "P":
            return leaveOut("'P' (multiple choice with comments): fabrique has no comment per option; use a multiple choice and a text question")
        case "I":
            return leaveOut("'I' (language switch): fabrique keeps one language")
        default:
            return leaveOut("question type '\(type)' is not one fabrique reads (L ! O M P F H A B N K S T U D R Y G 5 X * Q E C)")
        }
        if base.type != .note, base.type != .calculate { applyValidation(&base, row) }
        return [base]
    }

    /// A question's regular expression (`validation`) and Expression Manager validation as its constraint.
    func applyValidation(_ question: inout Question, _ row: TabularRow) {
        var parts: [String] = []
        var pattern = row["validation"]
        if !pattern.isEmpty {
            if pattern.hasPrefix("/"), let last = pattern.lastIndex(of: "/"), last != pattern.startIndex {
                pattern = String(pattern[pattern.index(after: pattern.startIndex)..<last])
            }
            parts.append(pattern.contains("'") ? "regex(., \"\(pattern)\")" : "regex(., '\(pattern)')")
        }
        let em = row["em_validation_q"]
        if !em.isEmpty, let translated = expression(em, role: "em_validation_q", owner: question.name, at: row.place("em_validation_q")) {
            parts.append(translated.source)
        }
        if let existing = question.constraint?.source { parts.insert(existing, at: 0) }
        guard !parts.isEmpty else { return }
        question.constraint = draft.expression(
            parts.map { parts.count > 1 ? "(\($0))" : $0 }.joined(separator: " and "), original: row["validation"],
            role: "constraint", owner: question.name, at: row.place(em.isEmpty ? "validation" : "em_validation_q"))
        let tip = PlainText.plain(row["em_validation_q_tip"])
        if !tip.isEmpty { question.constraintMessage = tip }
    }
}

import FabriqueCore

/// Finds the survey variable a column header names, by each tool's conventions: names, Kobo's
/// `group/question/code`, REDCap's `question___code`, LimeSurvey's `question[code]`, `question.code.`
/// and full-text headings `Question text [Subquestion text]`, and labels.
struct FieldLookup {
    /// The survey, for its choice lists.
    let survey: Survey
    /// The survey's variables.
    let fields: [AnswerField]
    /// Lowercased variable name → field.
    let byName: [String: Int]
    /// Folded label → field (a likert item's own label, a question's label).
    let byLabel: [String: Int]
    /// Lowercased likert question name → its items' fields.
    let likertItems: [String: [Int]]
    /// Folded question label → the fields of that question (its answer, likert items, "other" text).
    let byQuestionLabel: [String: [Int]]

    /// Builds the lookups of a survey.
    init(survey: Survey) {
        self.survey = survey
        fields = survey.fields
        byName = Dictionary(fields.enumerated().map { ($0.element.name.lowercased(), $0.offset) }, uniquingKeysWith: { a, _ in a })
        byLabel = Dictionary(
            fields.enumerated().filter { !$0.element.label.isEmpty }.map { ($0.element.label.folded, $0.offset) },
            uniquingKeysWith: { a, _ in a })
        var likert: [String: [Int]] = [:]
        var questions: [String: [Int]] = [:]
        for (index, field) in fields.enumerated() {
            if case .likertItem = field.kind { likert[field.question.name.lowercased(), default: []].append(index) }
            if !field.question.label.isEmpty { questions[field.question.label.folded, default: []].append(index) }
        }
        likertItems = likert
        byQuestionLabel = questions
    }

    /// The role of a column by its header (or a mapping target), or nil when nothing matches.
    /// Labels are tried last, and only for headers (`labels`), not for mapping targets.
    func role(of header: String, labels: Bool) -> ColumnPlan.Role? {
        let name = header.trimmingASCIIWhitespace()
        if let field = byName[name.lowercased()] { return whole(field) }
        // Kobo: group/question and group/question/code.
        let path = name.split(separator: "/").map(String.init)
        if path.count >= 2 {
            // question/code first: a choice code may also be another question's name (financeurs/region).
            if let field = byName[path[path.count - 2].lowercased()], let role = option(field, path[path.count - 1]) { return role }
            if let field = byName[path[path.count - 1].lowercased()] { return whole(field) }
        }
        // REDCap: question___code.
        if let range = name.range(of: "___"), let field = byName[String(name[..<range.lowerBound]).lowercased()],
            let role = option(field, String(name[range.upperBound...]))
        {
            return role
        }
        // LimeSurvey: question[code] and question.code.
        var inner: (String, String)?
        if name.hasSuffix("]"), let open = name.firstIndex(of: "[") {
            inner = (String(name[..<open]), String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
        } else if name.hasSuffix("."), let dot = name.dropLast().firstIndex(of: ".") {
            inner = (String(name[..<dot]), String(name[name.index(after: dot)..<name.index(before: name.endIndex)]))
        }
        if let (question, code) = inner, let role = coded(question, code) { return role }
        guard labels else { return nil }
        if let field = byLabel[name.folded] { return whole(field) }
        return fullText(name)
    }

    /// A whole-answer column, or the source's value of a calculation.
    private func whole(_ field: Int) -> ColumnPlan.Role {
        fields[field].kind == .question && fields[field].question.type == .calculate ? .calculated(field) : .variable(field)
    }

    /// LimeSurvey's code headings: `q[code]` (a choice, or a likert item `code`, `q_code` or
    /// `qcode`), `q[1]` (a rank position), `q[other]` (the "other" text).
    private func coded(_ question: String, _ code: String) -> ColumnPlan.Role? {
        if let items = likertItems[question.lowercased()] {
            let names = [code, question + "_" + code, question + code].map { $0.lowercased() }
            return items.first { names.contains(fields[$0].name.lowercased()) }.map(ColumnPlan.Role.variable)
        }
        guard let field = byName[question.lowercased()] else { return nil }
        if fields[field].valueType == .rank, let position = Int(code), position >= 1 { return .rankPosition(field: field, position: position) }
        if code.lowercased() == "other", let otherField = byName[fields[field].question.otherName.lowercased()] {
            return .otherText(field: field, otherField: otherField)
        }
        return option(field, code)
    }

    /// LimeSurvey's full-text headings, matched through labels: `Question text [Choice label]`,
    /// `[Likert item label]`, `[Rank 1]`, `[Other]`.
    private func fullText(_ name: String) -> ColumnPlan.Role? {
        guard name.hasSuffix("]"), let open = name.range(of: " [", options: .backwards) else { return nil }
        let question = String(name[..<open.lowerBound]).trimmingASCIIWhitespace().folded
        let inner = String(name[open.upperBound..<name.index(before: name.endIndex)]).trimmingASCIIWhitespace()
        guard let candidates = byQuestionLabel[question] else { return nil }
        let folded = inner.folded
        for field in candidates {
            switch fields[field].kind {
            case .likertItem:
                if fields[field].label.folded == folded || fields[field].name.lowercased() == inner.lowercased() { return .variable(field) }
            case .otherText:
                continue
            case .question:
                let words = folded.split(separator: " ")
                if fields[field].valueType == .rank, words.count == 2, ["rank", "rang"].contains(words[0]), let position = Int(words[1]),
                    position >= 1
                {
                    return .rankPosition(field: field, position: position)
                }
                if ["other", "autre"].contains(folded), let otherField = byName[fields[field].question.otherName.lowercased()] {
                    return .otherText(field: field, otherField: otherField)
                }
                if fields[field].valueType == .selectMultiple,
                    let choice = survey.choices(for: fields[field].question).first(where: {
                        $0.label.folded == folded || $0.value.lowercased() == inner.lowercased()
                    })
                {
                    return .option(field: field, code: choice.value)
                }
            }
        }
        return nil
    }

    /// One choice's column of a select_multiple.
    func option(_ field: Int, _ code: String) -> ColumnPlan.Role? {
        guard fields[field].valueType == .selectMultiple else { return nil }
        let choice = survey.choices(for: fields[field].question).first { $0.value.lowercased() == code.lowercased() }
        return choice.map { .option(field: field, code: $0.value) }
    }
}

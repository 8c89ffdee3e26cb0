import FabriqueCore

/// Builds the draft from a LimeSurvey structure's rows in one language.
struct LimeSurveyBuilder {
    let draft: ImportDraft
    var sectionNames: Set<String> = []
    /// Multiple choice questions, whose `Q_SQ == "Y"` becomes `selected(${Q}, 'SQ')`.
    var multiple: Set<String> = []

    init(draft: ImportDraft) {
        self.draft = draft
    }

    mutating func build(_ rows: [TabularRow]) {
        var index = 0
        while index < rows.count {
            let row = rows[index]
            index += 1
            switch row["class"] {
            case "G":
                let name = Names.unique(Names.sanitized(row["name"].lowercased()), in: &sectionNames)
                var section = SurveySection(
                    name: name, title: PlainText.plain(row["name"]), questions: [], location: draft.location(row.place("name")))
                let description = PlainText.plain(row["text"])
                section.description = description.isEmpty ? nil : description
                section.relevant = expression(row["relevance"], role: "relevance", owner: "group \(row["name"])", at: row.place("relevance"))
                draft.sections.append(section)
            case "Q":
                var subquestions: [TabularRow] = []
                var answers: [TabularRow] = []
                while index < rows.count, ["SQ", "A"].contains(rows[index]["class"]) {
                    if rows[index]["class"] == "SQ" { subquestions.append(rows[index]) } else { answers.append(rows[index]) }
                    index += 1
                }
                if draft.sections.isEmpty {
                    draft.sections.append(
                        SurveySection(name: "questions", title: draft.title, questions: [], location: draft.location(row.place("class"))))
                }
                let questions = self.questions(row, subquestions: subquestions, answers: answers)
                draft.sections[draft.sections.count - 1].questions += questions
            default:
                draft.unsupported(row.place("class"), "a '\(row["class"])' row outside a question; check the export")
            }
        }
        // LimeSurvey often names a group like its question; XLSForm, where both become names, refuses that.
        let questionNames = Set(draft.sections.flatMap(\.questions).flatMap { [$0.name] + $0.items.map(\.name) })
        for index in draft.sections.indices where questionNames.contains(draft.sections[index].name) {
            draft.sections[index].name = Names.unique(draft.sections[index].name + "_group", in: &sectionNames)
        }
    }

    /// A relevance or validation translated, nil for "always" or when it cannot be (reported).
    func expression(_ text: String, role: String, owner: String, at place: FormatPlace) -> SourceExpression? {
        switch LimeSurveyLogic.translate(text, multiple: multiple) {
        case .success(nil):
            return nil
        case .success(let translated?):
            return draft.expression(translated, original: text, role: role, owner: owner, at: place)
        case .failure(let reason):
            draft.unsupported(
                place,
                "\(role) of '\(owner)' cannot be translated: \(reason): \"\(text)\"; rewrite it, or rerun with --skip-unsupported to leave it out")
            return nil
        }
    }

    /// A choice list from answer options (or fixed codes), named after the question.
    func list(_ name: String, _ items: [(String, String)], at place: FormatPlace) -> String {
        draft.lists.append(
            ChoiceList(name: name, items: items.map { Choice(value: $0.0, label: $0.1.isEmpty ? $0.0 : $0.1) }, location: draft.location(place)))
        return name
    }
}

import FabriqueCore

/// The outline of a survey printed by `fabrique survey show`, in text, Markdown or JSON.
struct SurveyOutline: Encodable {
    struct Item: Encodable {
        var name: String
        var type: String
        var label: String
        var required: Bool
        var choices: String?
        var choiceCount: Int?
        var other: Bool
        var relevant: String?
        var constraint: String?
        var choiceFilter: String?
        var calculation: String?
        var items: [String]?
    }

    struct Section: Encodable {
        var name: String
        var title: String
        var relevant: String?
        var questions: [Item]
    }

    var id: String
    var version: String
    var title: String
    var questionCount: Int
    var variableCount: Int
    var sections: [Section]

    init(_ survey: Survey) {
        id = survey.id
        version = survey.version
        title = survey.title
        questionCount = survey.questions.count
        variableCount = survey.fields.count
        sections = survey.sections.map { section in
            Section(
                name: section.name, title: section.title, relevant: section.relevant?.source,
                questions: section.questions.map { q in
                    Item(
                        name: q.name, type: q.type.rawValue, label: q.label, required: q.required, choices: q.choices,
                        choiceCount: q.choices.map { _ in survey.choices(for: q).count }, other: q.other, relevant: q.relevant?.source,
                        constraint: q.constraint?.source, choiceFilter: q.choiceFilter?.source, calculation: q.calculation?.source,
                        items: q.type == .likert ? q.items.map(\.name) : nil)
                })
        }
    }

    private static func typeText(_ q: Item) -> String {
        var text = q.type
        if let list = q.choices { text += " (\(list), \(q.choiceCount ?? 0) choices\(q.other ? " incl. other" : ""))" }
        if q.required { text += " required" }
        return text
    }

    private static func conditions(_ q: Item) -> [String] {
        var lines: [String] = []
        if let relevant = q.relevant { lines.append("shown if: \(relevant)") }
        if let constraint = q.constraint { lines.append("valid if: \(constraint)") }
        if let filter = q.choiceFilter { lines.append("choices where: \(filter)") }
        if let calculation = q.calculation { lines.append("= \(calculation)") }
        if let items = q.items { lines.append("items: \(items.joined(separator: ", "))") }
        return lines
    }

    /// Plain text for the terminal.
    var text: String {
        var lines = [
            "\(title)", "survey \(id), version \(version): \(sections.count) sections, \(questionCount) questions, \(variableCount) answer variables"
        ]
        for (index, section) in sections.enumerated() {
            lines.append("")
            lines.append("\(index + 1). [\(section.name)] \(section.title)" + (section.relevant.map { "  (shown if: \($0))" } ?? ""))
            let width = section.questions.map(\.name.count).max() ?? 0
            for q in section.questions {
                lines.append("   \(q.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(Self.typeText(q))")
                let indent = String(repeating: " ", count: width + 5)
                if !q.label.isEmpty { lines.append(indent + q.label) }
                lines += Self.conditions(q).map { indent + $0 }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A Markdown outline, one table per section.
    var markdown: String {
        var lines = ["# \(title)", "", "Survey `\(id)`, version \(version): \(sections.count) sections, \(questionCount) questions."]
        for (index, section) in sections.enumerated() {
            lines += ["", "## \(index + 1). \(section.title)", ""]
            if let relevant = section.relevant { lines += ["Shown if `\(relevant)`.", ""] }
            lines.append(
                MarkdownTable(
                    header: ["name", "type", "label", "conditions"],
                    rows: section.questions.map { q in
                        [q.name, Self.typeText(q), q.label, Self.conditions(q).map { "`\($0)`" }.joined(separator: "<br>")]
                    }
                ).markdown { $0.replacingOccurrences(of: "|", with: "\\|") })
        }
        return lines.joined(separator: "\n")
    }
}

import FabriqueCore

/// Writes a `Survey` as a readable questionnaire file (`surveys/*.yaml`): the header comments
/// given, the identity, the metadata, the choice lists, then each section with a comment
/// before it. Reading the text back with `SurveyLoader` gives the same survey.
public enum SurveyYAMLWriter {
    /// The file's text. `header` lines become comments at the top.
    public static func yaml(_ survey: Survey, header: [String] = []) -> String {
        var lines = header.map { YAMLText.comment($0) }
        if !lines.isEmpty { lines.append("") }
        lines.append("id: \(survey.id)")
        lines.append("version: \(YAMLText.quoted(survey.version))")
        lines.append("title: \(YAMLText.quoted(survey.title))")
        if let description = survey.description { lines.append("description: \(YAMLText.quoted(description))") }
        lines.append("languages: [\(survey.languages.map(YAMLText.quoted).joined(separator: ", "))]")
        if !survey.metadata.isEmpty {
            lines += ["", YAMLText.comment("Recorded by the collecting tool itself; not questions."), "metadata:"]
            for entry in survey.metadata {
                lines += ["  - name: \(entry.name)", "    type: \(YAMLText.quoted(entry.type))"]
            }
        }
        if !survey.choiceLists.isEmpty {
            lines += ["", "choices:"]
            for list in survey.choiceLists { lines += choiceList(list) }
        }
        lines += ["", "sections:"]
        for (index, section) in survey.sections.enumerated() {
            if index > 0 { lines.append("") }
            lines.append(YAMLText.comment("Section \(index + 1): \(section.title)", indent: "  "))
            lines += self.section(section)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func choiceList(_ list: ChoiceList) -> [String] {
        var lines = ["  - list_name: \(YAMLText.quoted(list.name))", "    items:"]
        for item in list.items {
            lines.append("      - value: \(YAMLText.quoted(item.value))")
            lines.append("        label: \(YAMLText.quoted(item.label))")
            for key in item.attributes.keys.sorted() {
                lines.append("        \(YAMLText.quoted(key)): \(YAMLText.quoted(item.attributes[key] ?? ""))")
            }
        }
        return lines
    }

    private static func section(_ section: SurveySection) -> [String] {
        var lines = ["  - name: \(section.name)", "    title: \(YAMLText.quoted(section.title))"]
        if let description = section.description { lines.append("    description: \(YAMLText.quoted(description))") }
        if let relevant = section.relevant { lines.append("    relevant: \(YAMLText.quoted(relevant.source))") }
        lines.append("    questions:")
        for question in section.questions { lines += self.question(question) }
        return lines
    }

    private static func question(_ question: Question) -> [String] {
        let pad = "        "
        var lines = ["      - name: \(question.name)", pad + "type: \(question.type.rawValue)"]
        func add(_ key: String, _ value: String?) {
            if let value { lines.append(pad + "\(key): \(YAMLText.quoted(value))") }
        }
        if !question.label.isEmpty || question.type != .calculate { add("label", question.label) }
        add("hint", question.hint)
        if question.required { lines.append(pad + "required: true") }
        add("choices", question.choices)
        if question.other { lines.append(pad + "other: true") }
        add("choice_filter", question.choiceFilter?.source)
        add("relevant", question.relevant?.source)
        add("constraint", question.constraint?.source)
        add("constraint_message", question.constraintMessage)
        add("warning", question.warning?.source)
        add("warning_message", question.warningMessage)
        add("calculation", question.calculation?.source)
        add("appearance", question.appearance)
        add("group", question.group)
        if !question.items.isEmpty {
            lines.append(pad + "items:")
            for item in question.items {
                lines += [pad + "  - name: \(item.name)", pad + "    label: \(YAMLText.quoted(item.label))"]
            }
        }
        return lines
    }
}

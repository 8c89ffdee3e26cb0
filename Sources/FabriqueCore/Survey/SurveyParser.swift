import Yams

/// Reads a questionnaire file into a `Survey`, reporting every structural problem with its
/// line and column. Semantic checks (references, order, lists) are `SurveyChecker`'s.
public enum SurveyParser {
    /// Parses YAML text. The survey is nil only when the file is too broken to build one.
    public static func parse(_ text: String, file: String) -> (survey: Survey?, problems: [SourceProblem]) {
        let result = parseReportingBrokenNames(text, file: file)
        return (result.survey, result.problems)
    }

    /// Also returns the names of questions that were dropped for a problem already reported, so
    /// that references to them do not cause a second, misleading "unknown question" problem.
    static func parseReportingBrokenNames(_ text: String, file: String) -> (survey: Survey?, problems: [SourceProblem], brokenNames: Set<String>) {
        let reader = YAMLReader(file: file)
        guard let root = reader.compose(text),
            let top = reader.fields(
                root, allowed: ["id", "version", "title", "description", "languages", "choices", "sections", "metadata", "retention", "privacy"],
                context: "the survey")
        else {
            return (nil, reader.problems, [])
        }
        let id = top.string("id", required: true) ?? ""
        if !id.isEmpty, !isName(id) {
            reader.report("survey id '\(id)' must start with a letter or '_' and use only letters, digits and '_'", at: top.valueLocation("id"))
        }
        let lists = (top.sequence("choices") ?? []).compactMap { parseList($0, reader) }
        let sectionNodes = top.sequence("sections", required: true) ?? []
        let sections = sectionNodes.compactMap { parseSection($0, reader) }
        if top.has("sections"), sectionNodes.isEmpty {
            reader.report("the survey has no sections", at: top.valueLocation("sections"))
        }
        let survey = Survey(
            id: id, version: top.string("version", required: true) ?? "", title: top.string("title", required: true) ?? "",
            description: top.string("description"), languages: top.strings("languages") ?? ["fr"],
            choiceLists: lists, sections: sections, metadata: parseMetadata(top, reader), retention: parseRetention(top, reader),
            privacy: parsePrivacy(top, reader))
        return (survey, reader.problems, reader.brokenNames)
    }

    /// Whether a text is a valid question, section or list name.
    public static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    private static func checkedName(_ fields: YAMLFields, _ reader: YAMLReader, what: String) -> String? {
        guard let name = fields.string("name", required: true) else { return nil }
        if !isName(name) {
            reader.report(
                "\(what) name '\(name)' must start with a letter or '_' and use only letters, digits and '_'", at: fields.valueLocation("name"))
        }
        return name
    }

    private static func parseList(_ node: Node, _ reader: YAMLReader) -> ChoiceList? {
        guard let fields = reader.fields(node, allowed: ["list_name", "items"], context: "a choice list"),
            let name = fields.string("list_name", required: true)
        else { return nil }
        var items: [Choice] = []
        var seen: Set<String> = []
        for itemNode in fields.sequence("items", required: true) ?? [] {
            guard case .mapping(let mapping) = itemNode else {
                reader.report("each item of list '\(name)' must be a mapping with value and label", at: itemNode)
                continue
            }
            var attributes: [String: String] = [:]
            for (key, value) in mapping {
                guard let k = key.scalar?.string, let v = value.scalar?.string else {
                    reader.report("items of list '\(name)' take plain text values only", at: key)
                    continue
                }
                attributes[k] = v
            }
            guard let value = attributes.removeValue(forKey: "value"), !value.isEmpty else {
                reader.report("an item of list '\(name)' has no 'value'", at: itemNode)
                continue
            }
            let label = attributes.removeValue(forKey: "label") ?? ""
            if label.isEmpty { reader.report("item '\(value)' of list '\(name)' has no 'label'", at: itemNode) }
            if value.utf8.contains(where: String.isASCIIWhitespace) {
                reader.report("choice value '\(value)' in list '\(name)' contains a space; codes are stored space-separated", at: itemNode)
            }
            if !seen.insert(value).inserted {
                reader.report("duplicate value '\(value)' in list '\(name)'", at: itemNode)
            }
            items.append(Choice(value: value, label: label, attributes: attributes))
        }
        if items.isEmpty, fields.has("items") { reader.report("list '\(name)' has no items", at: fields.valueLocation("items")) }
        return ChoiceList(name: name, items: items, location: fields.location)
    }

    private static func parseSection(_ node: Node, _ reader: YAMLReader) -> SurveySection? {
        guard let fields = reader.fields(node, allowed: ["name", "title", "description", "relevant", "questions"], context: "a section"),
            let name = checkedName(fields, reader, what: "section")
        else { return nil }
        let questionNodes = fields.sequence("questions", required: true) ?? []
        let questions = questionNodes.compactMap { parseQuestion($0, reader) }
        if questionNodes.isEmpty, fields.has("questions") { reader.report("section '\(name)' has no questions", at: fields.location) }
        return SurveySection(
            name: name, title: fields.string("title", required: true) ?? name, description: fields.string("description"),
            relevant: expression("relevant", fields, reader), questions: questions, location: fields.location)
    }

    static let questionKeys = [
        "name", "type", "label", "hint", "required", "relevant", "constraint", "constraint_message",
        "choices", "choice_filter", "other", "appearance", "items", "calculation", "warning", "warning_message", "group"
    ]

    private static func parseQuestion(_ node: Node, _ reader: YAMLReader) -> Question? {
        guard let fields = reader.fields(node, allowed: questionKeys, context: "a question"),
            let name = checkedName(fields, reader, what: "question")
        else { return nil }
        guard let typeText = fields.string("type", required: true) else {
            reader.brokenNames.insert(name)
            return nil
        }
        guard let type = QuestionType(rawValue: typeText) else {
            reader.brokenNames.insert(name)
            let known = QuestionType.allCases.map(\.rawValue).joined(separator: ", ")
            reader.report("unknown type '\(typeText)' for question '\(name)'; expected one of: \(known)", at: fields.valueLocation("type"))
            return nil
        }
        let items = (fields.sequence("items") ?? []).compactMap { itemNode -> LikertItem? in
            guard let item = reader.fields(itemNode, allowed: ["name", "label"], context: "a likert item of '\(name)'"),
                let itemName = checkedName(item, reader, what: "likert item")
            else { return nil }
            return LikertItem(name: itemName, label: item.string("label", required: true) ?? "", location: item.location)
        }
        return Question(
            name: name, type: type, label: fields.string("label") ?? "", hint: fields.string("hint"),
            required: fields.bool("required") ?? false, relevant: expression("relevant", fields, reader),
            constraint: expression("constraint", fields, reader), constraintMessage: fields.string("constraint_message"),
            choices: fields.string("choices"), choiceFilter: expression("choice_filter", fields, reader),
            other: fields.bool("other") ?? false, appearance: fields.string("appearance"), items: items,
            calculation: expression("calculation", fields, reader), warning: expression("warning", fields, reader),
            warningMessage: fields.string("warning_message"), group: fields.string("group"), location: fields.location)
    }

    /// Parses an expression-valued key; a syntax error is reported at its exact column.
    /// `owner` names what the expression belongs to in messages, by default the mapping's `name`.
    static func expression(_ key: String, _ fields: YAMLFields, _ reader: YAMLReader, owner: String? = nil) -> SourceExpression? {
        guard let text = fields.string(key), let node = fields.node(key), let scalar = node.scalar else { return nil }
        let location = YAMLReader.location(of: node)
        let offset: Int? =
            switch scalar.style {
            case .plain: text.contains("\n") ? nil : 0
            case .singleQuoted, .doubleQuoted: text.contains("\n") ? nil : 1
            default: nil
            }
        // Escapes in quoted scalars shift columns; only trust offsets when the text is verbatim in the line.
        let escaped = (scalar.style == .doubleQuoted && text.contains("\\")) || (scalar.style == .singleQuoted && text.contains("'"))
        let trusted = escaped ? nil : offset
        do {
            let parsed = try ExpressionParser.parse(text)
            return SourceExpression(source: text, expression: parsed, location: location, inlineColumnOffset: trusted)
        } catch {
            let at = SourceExpression(source: text, expression: .string(""), location: location, inlineColumnOffset: trusted)
            reader.report(
                "syntax error in \(key) of \(owner ?? "'\(fields.string("name") ?? "?")'"): \(error.message)", at: at.location(ofOffset: error.offset)
            )
            return nil
        }
    }
}

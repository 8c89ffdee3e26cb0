import FabriqueCore

/// A REFI-QDA codebook read back as fabrique's codebook (the codes `QDAWriter` writes: one root
/// code `ID vVERSION — TITLE`, criteria `CODE — LABEL`, levels `VALUE — LABEL`), and written as
/// the codebook file `codebook validate` and `fabrique init` read.
public enum QDACodebook {
    /// The codebook the codes describe; every code that does not fit is named with its GUID.
    public static func codebook(_ codes: [QDADocument.Code], file: String) throws -> Codebook {
        guard codes.count == 1, let root = codes.first, let head = rootParts(root.name) else {
            let found = codes.map { "'\($0.name)' (\($0.guid))" }.joined(separator: ", ")
            throw QDAError([
                "\(file): expected one top code named 'ID vVERSION — TITLE' holding the criteria (as 'codebook export --qdc' writes), "
                    + "found \(codes.isEmpty ? "no code" : found)"
            ])
        }
        var problems: [String] = []
        var levels: [CodebookLevel]?
        var criteria: [Criterion] = []
        for code in root.children {
            let at = "\(file): code '\(code.name)' (\(code.guid))"
            guard let (criterion, label) = parts(code.name), SurveyParser.isName(criterion) else {
                problems.append("\(at): a criterion's code is named 'CODE — LABEL', CODE of letters, digits and '_'")
                continue
            }
            var own: [CodebookLevel] = []
            var anchors: [Int: String] = [:]
            for child in code.children {
                guard let (value, levelLabel) = parts(child.name), let number = Int(value) else {
                    problems.append("\(file): code '\(child.name)' (\(child.guid)) under '\(criterion)': a level is named 'VALUE — LABEL'")
                    continue
                }
                own.append(CodebookLevel(value: number, label: levelLabel))
                anchors[number] = child.description
            }
            if let levels, levels != own {
                problems.append("\(at): its levels differ from the first criterion's; every criterion has the same scale")
            }
            levels = levels ?? own
            criteria.append(Criterion(code: criterion, label: label, definition: code.description, anchors: anchors))
        }
        guard problems.isEmpty else { throw QDAError(problems) }
        let codebook = Codebook(
            id: head.id, version: head.version, title: head.title, description: root.description, levels: levels ?? [], criteria: criteria)
        do {
            _ = try CodebookParser.parse(yaml(codebook), file: file)
        } catch {
            throw QDAError(error.problems.map { "\(file): \($0.message)" })
        }
        return codebook
    }

    /// The codebook file (`seeds/codebook.yaml`'s format), every text double-quoted.
    public static func yaml(_ codebook: Codebook) -> String {
        var lines = [
            "id: \(YAMLText.quoted(codebook.id))", "version: \(codebook.version)", "title: \(YAMLText.quoted(codebook.title))",
            "description: \(YAMLText.quoted(codebook.description))", "levels:"
        ]
        for level in codebook.levels { lines += ["  - value: \(level.value)", "    label: \(YAMLText.quoted(level.label))"] }
        lines.append("criteria:")
        for criterion in codebook.criteria {
            lines += [
                "  - code: \(criterion.code)", "    label: \(YAMLText.quoted(criterion.label))",
                "    definition: \(YAMLText.quoted(criterion.definition))", "    levels:"
            ]
            for value in criterion.anchors.keys.sorted() {
                lines += ["      - value: \(value)", "        anchor: \(YAMLText.quoted(criterion.anchors[value]!))"]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `KEY — LABEL` split at the first separator.
    private static func parts(_ name: String) -> (String, String)? {
        guard let range = name.range(of: QDAProject.separator) else { return nil }
        return (String(name[..<range.lowerBound]).trimmingCharacters(in: .whitespaces), String(name[range.upperBound...]))
    }

    /// `ID vVERSION — TITLE`.
    private static func rootParts(_ name: String) -> (id: String, version: Int, title: String)? {
        guard let (head, title) = parts(name), let space = head.lastIndex(of: " "), head[head.index(after: space)...].hasPrefix("v"),
            let version = Int(head[head.index(space, offsetBy: 2)...])
        else { return nil }
        return (String(head[..<space]), version, title)
    }
}

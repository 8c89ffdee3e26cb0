/// Reads and checks a codebook file.
public enum CodebookParser {
    /// Parses the codebook; throws every problem with its line and column.
    public static func parse(_ text: String, file: String) throws(SourceProblems) -> Codebook {
        let reader = YAMLReader(file: file)
        guard let root = reader.compose(text),
            let top = reader.fields(root, allowed: ["id", "version", "title", "description", "levels", "criteria"], context: "the codebook")
        else { throw SourceProblems(reader.problems) }
        let levels = (top.sequence("levels", required: true) ?? []).compactMap { node -> CodebookLevel? in
            guard let f = reader.fields(node, allowed: ["value", "label"], context: "a level"),
                let value = f.int("value", required: true)
            else { return nil }
            return CodebookLevel(value: value, label: f.string("label", required: true) ?? "")
        }
        let levelValues = Set(levels.map(\.value))
        if levelValues.count != levels.count { reader.report("the codebook's levels repeat a value", at: top.valueLocation("levels")) }
        var codes: Set<String> = []
        let criteria = (top.sequence("criteria", required: true) ?? []).compactMap { node -> Criterion? in
            guard let f = reader.fields(node, allowed: ["code", "label", "definition", "levels"], context: "a criterion"),
                let code = f.string("code", required: true)
            else { return nil }
            if !SurveyParser.isName(code) { reader.report("criterion code '\(code)' must use letters, digits and '_'", at: f.valueLocation("code")) }
            if !codes.insert(code).inserted { reader.report("duplicate criterion '\(code)'", at: f.location) }
            var anchors: [Int: String] = [:]
            for levelNode in f.sequence("levels", required: true) ?? [] {
                guard let l = reader.fields(levelNode, allowed: ["value", "anchor"], context: "a level of '\(code)'"),
                    let value = l.int("value", required: true)
                else { continue }
                if !levelValues.contains(value) {
                    reader.report("criterion '\(code)' describes level \(value), which the scale lacks", at: l.location)
                }
                anchors[value] = l.string("anchor", required: true) ?? ""
            }
            for missing in levelValues.subtracting(anchors.keys).sorted() {
                reader.report("criterion '\(code)' has no anchor for level \(missing)", at: f.location)
            }
            return Criterion(
                code: code, label: f.string("label", required: true) ?? "",
                definition: f.string("definition", required: true) ?? "", anchors: anchors)
        }
        let codebook = Codebook(
            id: top.string("id", required: true) ?? "", version: top.int("version", required: true) ?? 0,
            title: top.string("title", required: true) ?? "", description: top.string("description") ?? "",
            levels: levels, criteria: criteria)
        guard reader.problems.isEmpty else { throw SourceProblems(reader.problems) }
        return codebook
    }
}

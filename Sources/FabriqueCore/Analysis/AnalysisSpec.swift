import Yams

/// An analysis spec (`analyses/*.yaml`): the tables to publish for a survey.
public struct AnalysisSpec: Sendable, Equatable {
    /// The kinds of table.
    public enum Kind: String, Sendable, CaseIterable {
        case frequency
        case multiSelect = "multi-select"
        case crosstab, descriptive, likert
    }

    /// One table of the spec.
    public struct Table: Sendable, Equatable {
        public var id: String
        public var kind: Kind
        /// One question (frequency, multi-select, descriptive); two (crosstab: rows then columns);
        /// likert items, or likert blocks that stand for all their items.
        public var variables: [String]
        public var by: String?
        public var filter: String?
        public var title: String
        public var notes: String?
        public var threshold: Int?
        /// The table's protection interval (percent), instead of the spec's.
        public var protection: Double?
        public var location: SourceLocation
    }

    /// The dominance rule (n, k) of magnitude tables: no cell whose `n` largest contributors hold `k` % or more.
    public struct Dominance: Sendable, Equatable {
        public var n: Int
        public var k: Double

        public init(n: Int, k: Double) {
            (self.n, self.k) = (n, k)
        }
    }

    /// A headline number of a synthesis report: the share of respondents giving an answer
    /// (`value` of a select question), or a statistic of a numeric question.
    public struct KeyFigure: Sendable, Equatable {
        public enum Statistic: String, Sendable, CaseIterable { case mean, median }
        public var label: String
        public var variable: String
        public var value: String?
        public var statistic: Statistic?
    }

    public var id: String
    public var survey: String
    public var title: String
    /// The default suppression threshold of the spec's tables.
    public var threshold: Int
    /// The protection interval of hidden cells, as a percentage of the cell; nil: the default.
    public var protection: Double?
    /// The dominance rule and the minimum number of contributors of magnitude tables; nil: the defaults.
    public var dominance: Dominance?
    public var minContributors: Int?
    public var tables: [Table]
    /// The study period as reports print it ("janvier à juin 2025"); nil when the spec gives none.
    public var period: String?
    /// The headline numbers of the synthesis reports, in order.
    public var keyFigures: [KeyFigure] = []

    /// The survey a spec is for (its `survey` key), to know which survey to check it against.
    public static func surveyId(in text: String, file: String) throws(SourceProblems) -> String {
        let reader = YAMLReader(file: file)
        guard let root = reader.compose(text), case .mapping(let mapping) = root else {
            throw SourceProblems(
                reader.problems.isEmpty
                    ? [SourceProblem(file: file, location: .start, message: "the analysis spec must be a mapping with a 'survey' key")]
                    : reader.problems)
        }
        for (key, value) in mapping where key.scalar?.string == "survey" {
            if let id = value.scalar?.string { return id }
        }
        throw SourceProblems([SourceProblem(file: file, location: .start, message: "the analysis spec has no 'survey' key naming its survey")])
    }

    /// Parses a spec and checks it against its survey: every problem with its line and column.
    public static func parse(_ text: String, file: String, survey: Survey) throws(SourceProblems) -> AnalysisSpec {
        let reader = YAMLReader(file: file)
        guard let root = reader.compose(text),
            let top = reader.fields(
                root,
                allowed: ["id", "survey", "title", "threshold", "protection", "dominance", "min_contributors", "period", "key_figures", "tables"],
                context: "the analysis spec")
        else {
            throw SourceProblems(reader.problems)
        }
        let surveyId = top.string("survey", required: true) ?? ""
        if top.has("survey"), surveyId != survey.id {
            reader.report("this spec is for survey '\(surveyId)', not '\(survey.id)'", at: top.valueLocation("survey"))
        }
        let fields = Dictionary(survey.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let likertBlocks = Dictionary(
            survey.questions.filter { $0.type == .likert }.map { ($0.name, $0.items.map(\.name)) }, uniquingKeysWith: { a, _ in a })
        var ids: Set<String> = []
        let tables = (top.sequence("tables", required: true) ?? []).compactMap { node -> Table? in
            guard
                let f = reader.fields(
                    node, allowed: ["id", "kind", "variables", "by", "filter", "title", "notes", "threshold", "protection"], context: "a table"),
                let id = f.string("id", required: true)
            else { return nil }
            if !ids.insert(id).inserted { reader.report("duplicate table id '\(id)'", at: f.valueLocation("id")) }
            guard let kindText = f.string("kind", required: true) else { return nil }
            guard let kind = Kind(rawValue: kindText) else {
                reader.report(
                    "unknown kind '\(kindText)' for table '\(id)'; expected one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", "))",
                    at: f.valueLocation("kind"))
                return nil
            }
            var variables: [String] = []
            for name in f.strings("variables", required: true) ?? [] {
                if kind == .likert, let items = likertBlocks[name] {
                    variables += items
                } else if fields[name] == nil {
                    reader.report("table '\(id)' uses '\(name)', which is not a question of survey '\(survey.id)'", at: f.valueLocation("variables"))
                } else {
                    variables.append(name)
                }
            }
            check(kind, id, variables, fields, f, reader)
            let by = f.string("by")
            if by != nil, kind == .crosstab || kind == .likert {
                reader.report(
                    "'by' is not used by a \(kind.rawValue) table ('\(id)'); put the grouping question among the variables of a crosstab",
                    at: f.valueLocation("by"))
            }
            if let by {
                if let field = fields[by] {
                    if field.valueType != .selectOne, field.valueType != .selectMultiple {
                        reader.report(
                            "table '\(id)' groups by '\(by)', a \(field.question.type.rawValue) question; 'by' needs a select_one or select_multiple",
                            at: f.valueLocation("by"))
                    }
                } else {
                    reader.report("table '\(id)' groups by '\(by)', which is not a question of survey '\(survey.id)'", at: f.valueLocation("by"))
                }
            }
            let filter = f.string("filter")
            // The same located parse as the questionnaire's expressions.
            if let parsed = SurveyParser.expression("filter", f, reader, owner: "table '\(id)'") {
                for (name, offset) in parsed.expression.references where fields[name] == nil {
                    reader.report("filter of table '\(id)' refers to unknown question '\(name)'", at: parsed.location(ofOffset: offset))
                }
            }
            let threshold = f.int("threshold")
            if let threshold, threshold < 1 { reader.report("threshold must be 1 or more", at: f.valueLocation("threshold")) }
            return Table(
                id: id, kind: kind, variables: variables, by: by, filter: filter, title: f.string("title", required: true) ?? id,
                notes: f.string("notes"), threshold: threshold, protection: f.percent("protection"), location: f.location)
        }
        let keyFigures = (top.sequence("key_figures") ?? []).compactMap { keyFigure($0, survey, fields, reader) }
        let threshold = top.int("threshold") ?? 5
        if threshold < 1 { reader.report("threshold must be 1 or more", at: top.valueLocation("threshold")) }
        var dominance: Dominance?
        if let node = top.node("dominance"), let d = reader.fields(node, allowed: ["n", "k"], context: "'dominance'"),
            let n = d.int("n", required: true), let k = d.percent("k", required: true)
        {
            if n < 1 { reader.report("'n' in 'dominance' must be 1 or more (the number of largest contributors)", at: d.valueLocation("n")) }
            dominance = Dominance(n: n, k: k)
        }
        let minContributors = top.int("min_contributors")
        if let minContributors, minContributors < 1 {
            reader.report("min_contributors must be 1 or more", at: top.valueLocation("min_contributors"))
        }
        var spec = AnalysisSpec(
            id: top.string("id", required: true) ?? "", survey: surveyId, title: top.string("title", required: true) ?? "",
            threshold: threshold, tables: tables, period: top.string("period"), keyFigures: keyFigures)
        (spec.protection, spec.dominance, spec.minContributors) = (top.percent("protection"), dominance, minContributors)
        guard reader.problems.isEmpty else { throw SourceProblems(reader.problems) }
        return spec
    }

    /// One `key_figures` entry: a label, a variable, and either a choice `value` or a `statistic`.
    private static func keyFigure(_ node: Node, _ survey: Survey, _ fields: [String: AnswerField], _ reader: YAMLReader) -> KeyFigure? {
        guard let f = reader.fields(node, allowed: ["label", "variable", "value", "statistic"], context: "a key figure"),
            let label = f.string("label", required: true), let variable = f.string("variable", required: true)
        else { return nil }
        guard let field = fields[variable] else {
            reader.report("key figure '\(label)' uses '\(variable)', which is not a question of the survey", at: f.valueLocation("variable"))
            return nil
        }
        let value = f.string("value")
        var statistic: KeyFigure.Statistic?
        if let text = f.string("statistic") {
            statistic = KeyFigure.Statistic(rawValue: text)
            if statistic == nil {
                reader.report(
                    "unknown statistic '\(text)'; expected one of: \(KeyFigure.Statistic.allCases.map(\.rawValue).joined(separator: ", "))",
                    at: f.valueLocation("statistic"))
                return nil
            }
        }
        switch field.valueType {
        case .selectOne, .selectMultiple:
            guard let value, statistic == nil else {
                reader.report(
                    "key figure '\(label)': '\(variable)' is a select question; "
                        + "give the choice code as 'value' (the share of respondents who chose it)",
                    at: f.location)
                return nil
            }
            if !survey.choices(for: field.question).contains(where: { $0.value == value }) {
                reader.report("key figure '\(label)': '\(value)' is not a choice of '\(variable)'", at: f.valueLocation("value"))
                return nil
            }
        case .integer, .decimal, .calculate:
            guard statistic != nil, value == nil else {
                reader.report("key figure '\(label)': '\(variable)' is numeric; give 'statistic' (mean or median)", at: f.location)
                return nil
            }
        default:
            reader.report("key figure '\(label)': '\(variable)' must be a select or numeric question", at: f.valueLocation("variable"))
            return nil
        }
        return KeyFigure(label: label, variable: variable, value: value, statistic: statistic)
    }

    private static func check(
        _ kind: Kind, _ id: String, _ variables: [String], _ fields: [String: AnswerField], _ f: YAMLFields, _ reader: YAMLReader
    ) {
        let at = f.valueLocation("variables")
        let types = variables.compactMap { fields[$0]?.valueType }
        switch kind {
        case .frequency where types.contains { $0 != .selectOne }:
            reader.report("a frequency table needs select_one questions (use multi-select or descriptive for '\(id)')", at: at)
        case .multiSelect where types.contains { $0 != .selectMultiple }:
            reader.report("a multi-select table needs select_multiple questions ('\(id)')", at: at)
        case .crosstab where variables.count != 2:
            reader.report("a crosstab needs exactly two variables, rows then columns ('\(id)')", at: at)
        case .crosstab where types.contains { $0 != .selectOne && $0 != .selectMultiple }:
            reader.report("a crosstab needs select_one or select_multiple questions ('\(id)')", at: at)
        case .descriptive where types.contains { $0 != .integer && $0 != .decimal && $0 != .calculate }:
            reader.report("a descriptive table needs integer, decimal or calculate questions ('\(id)')", at: at)
        case .likert where variables.contains { name in fields[name].map { if case .likertItem = $0.kind { false } else { true } } ?? true }:
            reader.report("a likert table needs likert blocks or their items ('\(id)')", at: at)
        default:
            break
        }
    }
}

import FabriqueCore
import FabriqueStore

/// How responses are written out.
public struct ExportOptions: Sendable, Equatable {
    /// Labels instead of codes for choices.
    public var labels: Bool
    /// French Excel: decimal commas and dd/mm/yyyy dates (the caller picks `;`, CRLF and a BOM).
    public var excel: Bool
    /// One 0/1 column per choice of each select_multiple (`question/code`), instead of one joined column.
    public var splitMultiple: Bool

    /// Creates options.
    public init(labels: Bool = false, excel: Bool = false, splitMultiple: Bool = false) {
        self.labels = labels
        self.excel = excel
        self.splitMultiple = splitMultiple
    }
}

/// Lays stored responses out as export records, in a form the importer reads back unchanged.
public struct ResponseExporter: Sendable {
    public let survey: Survey
    public let options: ExportOptions
    private let fields: [AnswerField]
    private let choices: [[Choice]]

    /// Prepares an export with the survey's current version.
    public init(survey: Survey, options: ExportOptions) {
        self.survey = survey
        self.options = options
        fields = survey.fields
        choices = fields.map { field in
            switch field.kind {
            case .likertItem: field.question.choices.flatMap(survey.choiceList(named:))?.items ?? []
            case .question where field.valueType.usesChoices: survey.choices(for: field.question)
            default: []
            }
        }
    }

    /// Column names: `response_id`, `survey_version`, then the answer variables.
    public var header: [String] {
        ["response_id", "survey_version"]
            + fields.enumerated().flatMap { index, field in
                split(index) ? choices[index].map { "\(field.name)/\($0.value)" } : [field.name]
            }
    }

    /// One record, aligned with `header`.
    public func record(_ response: StoredResponse) -> [String] {
        var cells = [response.responseId, response.surveyVersion]
        for (index, field) in fields.enumerated() {
            let value = response.values[field.name]
            if split(index) {
                let chosen = Set(value?.splitOnASCIIWhitespace() ?? [])
                cells += choices[index].map { value == nil ? "" : (chosen.contains($0.value) ? "1" : "0") }
            } else {
                cells.append(value.map { text(field, index, $0) } ?? "")
            }
        }
        return cells
    }

    /// The answers by variable, as shown in a JSON export.
    public func answers(_ response: StoredResponse) -> [(String, String)] {
        fields.enumerated().compactMap { index, field in response.values[field.name].map { (field.name, text(field, index, $0)) } }
    }

    private func split(_ index: Int) -> Bool {
        options.splitMultiple && fields[index].valueType == .selectMultiple
    }

    private func text(_ field: AnswerField, _ index: Int, _ value: String) -> String {
        switch field.valueType {
        case .selectOne where options.labels:
            return label(value, index)
        case .selectMultiple where options.labels, .rank where options.labels:
            return value.splitOnASCIIWhitespace().map { label($0, index) }.joined(separator: "; ")
        case .decimal where options.excel, .calculate where options.excel:
            return ExpressionValue.parseNumber(value) != nil ? value.replacingOccurrences(of: ".", with: ",") : value
        case .date where options.excel:
            return CalendarDate(iso: value)?.french ?? value
        default:
            return value
        }
    }

    private func label(_ code: String, _ index: Int) -> String {
        choices[index].first { $0.value == code }?.label ?? code
    }
}

/// The data dictionary: one row per answer variable, with its question, type, choices and conditions.
public enum DataDictionary {
    /// Column names of the dictionary.
    public static let header = [
        "variable", "question", "section", "type", "label", "required", "relevant", "constraint",
        "choice_filter", "calculation", "choices"
    ]

    /// The rows, in questionnaire order.
    public static func rows(_ survey: Survey) -> [[String]] {
        survey.fields.map { field in
            let question = field.question
            let section = survey.sections[field.sectionIndex]
            let relevant = [section.relevant?.source, question.relevant?.source].compactMap { $0 }.map { "(\($0))" }.joined(separator: " and ")
            let choices: [Choice] =
                switch field.kind {
                case .likertItem: question.choices.flatMap(survey.choiceList(named:))?.items ?? []
                case .question: survey.choices(for: question)
                case .otherText: []
                }
            return [
                field.name, question.name, section.name,
                field.kind == .otherText ? "text" : field.valueType == .selectOne && field.kind != .question ? "likert_item" : question.type.rawValue,
                field.label, question.required && field.kind != .otherText ? "yes" : "no",
                field.kind == .otherText ? "selected(${\(question.name)}, 'other')" : relevant,
                field.kind == .question ? question.constraint?.source ?? "" : "",
                question.choiceFilter?.source ?? "", question.calculation?.source ?? "",
                choices.map { "\($0.value) = \($0.label)" }.joined(separator: " | ")
            ]
        }
    }
}

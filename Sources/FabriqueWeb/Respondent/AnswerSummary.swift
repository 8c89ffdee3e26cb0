import FabriqueCore

/// Answers as a French reader sees them: choice labels instead of codes, dates as jj/mm/aaaa,
/// decimal commas. Used by the review page and the staff response pages.
struct AnswerSummary {
    let flow: FormFlow

    /// The applicable answers of one page, "Sans réponse" where nothing was given.
    func answers(page: Int, values: [String: String], applicable: ApplicableFields) -> [ReviewAnswerView] {
        flow.pages[page].fieldNames.filter { applicable.contains($0) }.compactMap { name in
            guard let field = flow.field(named: name) else { return nil }
            return ReviewAnswerView(label: field.label, value: values[name].map { display($0, field) } ?? "Sans réponse")
        }
    }

    /// One canonical value in words.
    func display(_ value: String, _ field: AnswerField) -> String {
        let choices = flow.survey.choices(for: field.question)
        func label(_ code: String) -> String { choices.first { $0.value == code }?.label ?? code }
        switch field.valueType {
        case .selectOne, .likert:
            return label(value)
        case .selectMultiple:
            return value.splitOnASCIIWhitespace().map(label).joined(separator: ", ")
        case .rank:
            return value.splitOnASCIIWhitespace().enumerated().map { "\($0.offset + 1). \(label($0.element))" }.joined(separator: ", ")
        case .date:
            return CalendarDate(iso: value)?.french ?? value
        case .decimal, .calculate:
            return value.replacingOccurrences(of: ".", with: ",")
        default:
            return value
        }
    }
}

/// The question types, named as in XLSForm.
public enum QuestionType: String, Sendable, Hashable, CaseIterable {
    case text, integer, decimal, date, note
    case selectOne = "select_one"
    case selectMultiple = "select_multiple"
    case likert, rank, calculate

    /// Whether the type takes its answers from a choice list.
    public var usesChoices: Bool { self == .selectOne || self == .selectMultiple || self == .likert || self == .rank }

    /// Whether the respondent types or picks an answer (notes show text; calculations compute).
    public var isAnswered: Bool { self != .note && self != .calculate }
}

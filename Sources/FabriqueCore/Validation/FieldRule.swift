/// What the validator needs to know about one answer variable, prepared once per survey: a bulk
/// import validates millions of answers, and looking these up in the survey each time costs more
/// than the checks themselves.
final class FieldRule: Sendable {
    enum Role: Sendable { case answer, likertItem, otherText, calculation }

    let name: String
    let role: Role
    let valueType: QuestionType
    let sectionIndex: Int
    let required: Bool
    let relevant: FormExpression?
    let constraint: FormExpression?
    /// The constraint as comparisons of the answer with limits, when it has that shape.
    let bounds: AnswerBounds?
    let constraintMessage: String?
    /// A soft limit: an answer that makes it false is accepted, and `warningMessage` shown.
    let warning: FormExpression?
    let warningMessage: String?
    /// The choice filter, ready to judge each choice.
    let filter: ChoiceFilter?
    /// The positions of the answers the choice filter reads (names it cannot place are left out).
    let filterReferences: [Int]
    let calculation: FormExpression?
    /// The choices offered, the implicit "other" included, and their codes' positions.
    let choices: [Choice]
    let codes: ChoiceCodes
    /// For an "other" text: the index of its select question's field.
    let parent: Int?
    /// For an "other" text: whether `other` is the last code of its question's answer when
    /// chosen (a select_one, or a select_multiple, stored in list order, whose list ends with
    /// the one `other`), as every survey the loader accepts has it.
    let otherComesLast: Bool
    /// Whether parsing an answer depends on its text alone (no choice filter reading other
    /// answers), so that a parse can be kept and reused (`ParsedAnswers`).
    let parseDependsOnTextAlone: Bool
    /// Whether the constraint's verdict depends on the answer and the validation date alone (or
    /// there is no constraint), so that it can be kept with the parse (kept parses are per date).
    let constraintDependsOnAnswerAlone: Bool

    init(field: AnswerField, survey: Survey, index: [String: Int]) {
        let question = field.question
        name = field.name
        valueType = field.valueType
        sectionIndex = field.sectionIndex
        relevant = question.relevant?.expression.resolvingReferences(index)
        let choiceFilter = question.choiceFilter?.expression.resolvingReferences(index)
        filterReferences = question.choiceFilter?.expression.references.compactMap { index[$0.name] } ?? []
        calculation = question.calculation?.expression.resolvingReferences(index)
        switch field.kind {
        case .question where question.type == .calculate:
            role = .calculation
            choices = []
        case .question:
            role = .answer
            choices = survey.choices(for: question)
        case .likertItem:
            role = .likertItem
            choices = question.choices.flatMap(survey.choiceList(named:))?.items ?? []
        case .otherText:
            role = .otherText
            choices = []
        }
        required = role != .otherText && question.required
        constraint = role == .otherText ? nil : question.constraint?.expression.resolvingReferences(index)
        bounds = constraint.flatMap(AnswerBounds.init)
        constraintMessage = question.constraintMessage
        warning = role == .otherText ? nil : question.warning?.expression.resolvingReferences(index)
        warningMessage = question.warningMessage
        codes = ChoiceCodes(choices.map(\.value))
        let offered = choices
        filter = choiceFilter.map { ChoiceFilter($0, choices: offered) }
        parent = role == .otherText ? index[question.name] : nil
        if role == .otherText, question.type == .selectOne || question.type == .selectMultiple {
            let offeredWithOther = survey.choices(for: question)
            otherComesLast =
                offeredWithOther.last?.value == Choice.otherValue
                && offeredWithOther.count(where: { $0.value == Choice.otherValue }) == 1
        } else {
            otherComesLast = false
        }
        parseDependsOnTextAlone = choiceFilter == nil
        constraintDependsOnAnswerAlone = constraint?.dependsOnCurrentAndTodayAlone ?? true
    }
}

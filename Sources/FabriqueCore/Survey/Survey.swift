/// A questionnaire definition (`surveys/*.yaml`).
public struct Survey: Sendable, Hashable {
    /// Stable identifier, such as `coordination`.
    public var id: String
    /// The version responses record, such as `2026.1`.
    public var version: String
    public var title: String
    public var description: String?
    public var languages: [String]
    /// The choice lists, in file order.
    public var choiceLists: [ChoiceList]
    public var sections: [SurveySection]
    /// What the collecting tool records by itself (`metadata:`): XLSForm's start, end, deviceid…
    public var metadata: [SurveyMetadata]
    /// How long personal data is kept (`retention:`), if the file says.
    public var retention: RetentionPolicy?
    /// What respondents are told about their data (`privacy:`), shown on the form's first page.
    public var privacy: PrivacyNotice?

    /// Creates a survey.
    public init(
        id: String, version: String, title: String, description: String? = nil, languages: [String] = ["fr"],
        choiceLists: [ChoiceList], sections: [SurveySection], metadata: [SurveyMetadata] = [], retention: RetentionPolicy? = nil,
        privacy: PrivacyNotice? = nil
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.languages = languages
        self.choiceLists = choiceLists
        self.sections = sections
        self.metadata = metadata
        self.retention = retention
        self.privacy = privacy
    }

    /// Every question, in file order.
    public var questions: [Question] { sections.flatMap(\.questions) }

    /// The question with this name.
    public func question(named name: String) -> Question? {
        questions.first { $0.name == name }
    }

    /// The choice list with this name.
    public func choiceList(named name: String) -> ChoiceList? {
        choiceLists.first { $0.name == name }
    }

    /// The choices a question offers, with the implicit "other" item when it has one.
    public func choices(for question: Question) -> [Choice] {
        guard let name = question.choices, let list = choiceList(named: name) else { return [] }
        return question.other ? list.items + [Choice.other] : list.items
    }

    /// Every answer variable, in file order: one per answered question, one per likert item,
    /// the "other" text after its select question, and each calculation.
    public var fields: [AnswerField] {
        var result: [AnswerField] = []
        for (sectionIndex, section) in sections.enumerated() {
            for question in section.questions {
                switch question.type {
                case .note:
                    continue
                case .likert:
                    for item in question.items {
                        result.append(AnswerField(name: item.name, kind: .likertItem(item), question: question, sectionIndex: sectionIndex))
                    }
                default:
                    result.append(AnswerField(name: question.name, kind: .question, question: question, sectionIndex: sectionIndex))
                    if question.other {
                        result.append(AnswerField(name: question.otherName, kind: .otherText, question: question, sectionIndex: sectionIndex))
                    }
                }
            }
        }
        return result
    }
}

/// One variable of a response: what a column of an export holds.
public struct AnswerField: Sendable, Hashable {
    /// How the variable relates to its question.
    public enum Kind: Sendable, Hashable {
        /// The question's own answer.
        case question
        /// One row of a likert block.
        case likertItem(LikertItem)
        /// The "other, specify" text of a select question.
        case otherText
    }

    /// The variable's name (the column of an export).
    public var name: String
    public var kind: Kind
    /// The question it belongs to.
    public var question: Question
    /// The index of the question's section.
    public var sectionIndex: Int

    /// The type of the stored value: likert items take a scale code, "other" texts are text.
    public var valueType: QuestionType {
        switch kind {
        case .question: question.type
        case .likertItem: .selectOne
        case .otherText: .text
        }
    }

    /// The value expressions see for a canonical answer: numbers for integer, decimal and
    /// numeric calculations, lists for select_multiple and rank, text otherwise.
    public func typedValue(_ canonical: String?) -> ExpressionValue {
        guard let canonical, !canonical.isEmpty else { return .empty }
        switch valueType {
        case .integer, .decimal: return ExpressionValue.parseNumber(canonical).map(ExpressionValue.number) ?? .string(canonical)
        case .selectMultiple, .rank: return .list(canonical.splitOnASCIIWhitespace())
        case .calculate:
            if canonical == "true" || canonical == "false" { return .boolean(canonical == "true") }
            return ExpressionValue.parseNumber(canonical).map(ExpressionValue.number) ?? .string(canonical)
        default: return .string(canonical)
        }
    }

    /// A label for column headers and error messages.
    public var label: String {
        switch kind {
        case .question: question.label
        case .likertItem(let item): item.label
        case .otherText: "\(question.label) (autre, précisez)"
        }
    }
}

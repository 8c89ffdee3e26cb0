/// An expression together with its source text and where it stands in the file.
public struct SourceExpression: Sendable, Hashable {
    /// The text as written.
    public var source: String
    /// The parsed tree.
    public var expression: FormExpression
    /// Where the scalar holding the expression starts.
    public var location: SourceLocation
    /// Columns to add to `location` to reach the expression's first character, or nil when the
    /// scalar spans lines (then problems point at the scalar).
    public var inlineColumnOffset: Int?

    /// Creates a located expression.
    public init(source: String, expression: FormExpression, location: SourceLocation = .start, inlineColumnOffset: Int? = 0) {
        self.source = source
        self.expression = expression
        self.location = location
        self.inlineColumnOffset = inlineColumnOffset
    }

    /// The file position of a character offset inside the expression.
    public func location(ofOffset offset: Int) -> SourceLocation {
        guard let shift = inlineColumnOffset else { return location }
        return SourceLocation(line: location.line, column: location.column + shift + offset)
    }
}

/// One row of a likert block: its own answer variable, on the block's scale.
public struct LikertItem: Sendable, Hashable {
    /// The answer variable's name.
    public var name: String
    /// The statement the respondent rates.
    public var label: String
    /// Where the item is defined.
    public var location: SourceLocation

    /// Creates an item.
    public init(name: String, label: String, location: SourceLocation = .start) {
        self.name = name
        self.label = label
        self.location = location
    }
}

/// A question of a survey, with the XLSForm columns.
public struct Question: Sendable, Hashable {
    public var name: String
    public var type: QuestionType
    public var label: String
    public var hint: String?
    public var required: Bool
    public var relevant: SourceExpression?
    public var constraint: SourceExpression?
    public var constraintMessage: String?
    /// The `list_name` of the choices, for select, likert and rank questions.
    public var choices: String?
    public var choiceFilter: SourceExpression?
    /// Whether an "other, specify" item and its text answer `<name>_other` are added.
    public var other: Bool
    public var appearance: String?
    /// The rows of a likert block.
    public var items: [LikertItem]
    /// The formula of a calculate question.
    public var calculation: SourceExpression?
    /// A soft constraint: a condition the answer should meet. When it does not, the answer is
    /// still accepted and `warningMessage` is shown (REDCap's min and max work this way).
    public var warning: SourceExpression?
    /// The message shown when the warning condition is false.
    public var warningMessage: String?
    /// The XLSForm group path the question had in the tool it came from (`outer/inner`): that
    /// tool's exports name its column `outer/inner/name`. It changes neither the form nor validation.
    public var group: String?
    /// Where the question is defined.
    public var location: SourceLocation

    /// Creates a question; only the name and type are needed.
    public init(
        name: String, type: QuestionType, label: String = "", hint: String? = nil, required: Bool = false,
        relevant: SourceExpression? = nil, constraint: SourceExpression? = nil, constraintMessage: String? = nil,
        choices: String? = nil, choiceFilter: SourceExpression? = nil, other: Bool = false, appearance: String? = nil,
        items: [LikertItem] = [], calculation: SourceExpression? = nil, warning: SourceExpression? = nil,
        warningMessage: String? = nil, group: String? = nil, location: SourceLocation = .start
    ) {
        self.name = name
        self.type = type
        self.label = label
        self.hint = hint
        self.required = required
        self.relevant = relevant
        self.constraint = constraint
        self.constraintMessage = constraintMessage
        self.choices = choices
        self.choiceFilter = choiceFilter
        self.other = other
        self.appearance = appearance
        self.items = items
        self.calculation = calculation
        self.warning = warning
        self.warningMessage = warningMessage
        self.group = group
        self.location = location
    }

    /// The name of the "other, specify" text answer.
    public var otherName: String { name + "_other" }

    /// Every expression of the question with its role, for checks and listings.
    public var expressions: [(role: String, expression: SourceExpression)] {
        [("relevant", relevant), ("constraint", constraint), ("warning", warning), ("choice_filter", choiceFilter), ("calculation", calculation)]
            .compactMap { role, expression in expression.map { (role, $0) } }
    }
}

/// A section: one page of the web form.
public struct SurveySection: Sendable, Hashable {
    public var name: String
    public var title: String
    public var description: String?
    /// When false, every question of the section is skipped.
    public var relevant: SourceExpression?
    public var questions: [Question]
    /// Where the section is defined.
    public var location: SourceLocation

    /// Creates a section.
    public init(
        name: String, title: String, description: String? = nil, relevant: SourceExpression? = nil,
        questions: [Question], location: SourceLocation = .start
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.relevant = relevant
        self.questions = questions
        self.location = location
    }
}

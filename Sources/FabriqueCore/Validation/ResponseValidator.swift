/// The one validation of a whole response, used by the web form, the CSV import and the demo
/// generator alike: types, required-when-relevant, constraints, choice codes, choice filters,
/// select_multiple and rank, and "other, specify" texts. It returns every problem at once.
public struct ResponseValidator: Sendable {
    /// The survey whose rules apply.
    public let survey: Survey
    private let fields: [AnswerField]

    /// Prepares a validator for a survey.
    public init(survey: Survey) {
        self.survey = survey
        self.fields = survey.fields
    }

    /// Validates raw answers keyed by variable name. Select_multiple and rank answers are
    /// space-separated codes. Answers to questions that are not relevant are dropped.
    public func validate(_ raw: [String: String], today: CalendarDate) -> ValidationResult {
        var state = State(survey: survey, today: today)
        var sectionRelevant: [Int: Bool] = [:]
        for field in fields {
            let question = field.question
            let inSection = sectionRelevant[field.sectionIndex] ?? {
                let value = survey.sections[field.sectionIndex].relevant.map { state.isTrue($0.expression) } ?? true
                sectionRelevant[field.sectionIndex] = value
                return value
            }()
            guard inSection, question.relevant.map({ state.isTrue($0.expression) }) ?? true else { continue }
            switch field.kind {
            case .otherText:
                guard state.typed[question.name]?.asList.contains(Choice.otherValue) == true else { continue }
                let text = (raw[field.name] ?? "").trimmingASCIIWhitespace()
                if text.isEmpty {
                    state.fail(field.name, .otherTextMissing, "Précisez votre réponse « Autre ».")
                } else {
                    state.store(field.name, text, .string(text))
                }
            case .question where question.type == .calculate:
                let value = question.calculation.map { state.evaluate($0.expression) } ?? .empty
                if !value.isEmpty { state.store(field.name, value.asString, value) }
            default:
                validateAnswer(field, raw: raw[field.name] ?? "", state: &state)
            }
        }
        return ValidationResult(values: state.values, issues: state.issues)
    }

    private func validateAnswer(_ field: AnswerField, raw: String, state: inout State) {
        let question = field.question
        let text = raw.trimmingASCIIWhitespace()
        if text.isEmpty {
            if question.required {
                let message = field.kind == .question ? "Cette question est obligatoire." : "Répondez pour cette ligne : elle est obligatoire."
                state.fail(field.name, .required, message)
            }
            return
        }
        guard let (canonical, typed) = parse(field, text, &state) else { return }
        if let constraint = question.constraint, !state.isTrue(constraint.expression, current: typed) {
            state.fail(field.name, .constraint, question.constraintMessage ?? "Cette réponse ne respecte pas les conditions de la question.")
            return
        }
        state.store(field.name, canonical, typed)
    }

    /// The canonical text and typed value of an answer, or nil after reporting why it is refused.
    private func parse(_ field: AnswerField, _ text: String, _ state: inout State) -> (String, ExpressionValue)? {
        switch field.valueType {
        case .text:
            return (text, .string(text))
        case .integer:
            guard let value = AnswerParsing.integer(text) else {
                state.fail(field.name, .notInteger, "« \(text) » n'est pas un nombre entier (exemple : 12).")
                return nil
            }
            return (String(value), .number(Double(value)))
        case .decimal:
            guard let value = AnswerParsing.decimal(text) else {
                state.fail(field.name, .notDecimal, "« \(text) » n'est pas un nombre (exemple : 0,5).")
                return nil
            }
            return (AnswerParsing.canonical(value), .number(value))
        case .date:
            guard let date = CalendarDate(french: text) else {
                state.fail(field.name, .notDate, "« \(text) » n'est pas une date valide (format jj/mm/aaaa, exemple : 15/03/2024).")
                return nil
            }
            return (date.description, .string(date.description))
        case .selectOne, .selectMultiple, .rank, .likert:
            return parseChoices(field, text, &state)
        case .note, .calculate:
            return nil
        }
    }

    private func parseChoices(_ field: AnswerField, _ text: String, _ state: inout State) -> (String, ExpressionValue)? {
        let question = field.question
        let choices: [Choice] = if case .likertItem = field.kind {
            question.choices.flatMap(survey.choiceList(named:))?.items ?? []
        } else {
            survey.choices(for: question)
        }
        let codes = text.splitOnASCIIWhitespace()
        let single = field.valueType == .selectOne
        if single, codes.count > 1 {
            state.fail(field.name, .singleChoiceExpected, "Une seule réponse est possible.")
            return nil
        }
        var accepted: [String] = []
        for code in codes {
            guard let choice = choices.first(where: { $0.value == code }) else {
                state.fail(field.name, .unknownChoice, "« \(code) » ne fait pas partie des réponses proposées.")
                return nil
            }
            // A filter whose inputs were refused is not judged: the respondent would see a second
            // error caused by the first (a bad region, so a bad département). An input that is
            // merely unanswered filters as in the browser, where it leaves no choice.
            if let filter = question.choiceFilter, choice.value != Choice.otherValue,
               !filter.expression.references.contains(where: { state.failed.contains($0.name) }),
               !state.isTrue(filter.expression, item: choice) {
                state.fail(field.name, .filteredChoice, "« \(choice.label) » n'est pas possible compte tenu de vos réponses précédentes.")
                return nil
            }
            if accepted.contains(code) {
                if field.valueType == .rank {
                    state.fail(field.name, .duplicateRank, "« \(choice.label) » est classé plusieurs fois ; chaque élément ne peut avoir qu'un rang.")
                    return nil
                }
                continue
            }
            accepted.append(code)
        }
        if single { return (accepted[0], .string(accepted[0])) }
        // Select_multiple answers are stored in list order, so that equal answers have equal text.
        let ordered = field.valueType == .rank ? accepted : choices.map(\.value).filter(accepted.contains)
        return (ordered.joined(separator: " "), .list(ordered))
    }

    /// Answers gathered so far, which later expressions can see.
    private struct State {
        let survey: Survey
        let today: CalendarDate
        var values: [String: String] = [:]
        var typed: [String: ExpressionValue] = [:]
        var issues: [ValidationIssue] = []
        /// Variables with an issue in this response.
        var failed: Set<String> = []

        init(survey: Survey, today: CalendarDate) {
            self.survey = survey
            self.today = today
        }

        mutating func store(_ name: String, _ canonical: String, _ value: ExpressionValue) {
            values[name] = canonical
            typed[name] = value
        }

        mutating func fail(_ name: String, _ kind: ValidationIssue.Kind, _ message: String) {
            issues.append(ValidationIssue(field: name, kind: kind, message: message))
            failed.insert(name)
        }

        func context(current: ExpressionValue = .empty, item: Choice? = nil) -> EvaluationContext {
            let typed = typed
            return EvaluationContext(today: today, current: current, value: { typed[$0] ?? .empty }, attribute: { name in
                guard let item else { return .empty }
                switch name {
                case "value": return .string(item.value)
                case "label": return .string(item.label)
                default: return item.attributes[name].map(ExpressionValue.string) ?? .empty
                }
            })
        }

        func isTrue(_ expression: FormExpression, current: ExpressionValue = .empty, item: Choice? = nil) -> Bool {
            expression.isTrue(in: context(current: current, item: item))
        }

        func evaluate(_ expression: FormExpression) -> ExpressionValue {
            expression.evaluate(in: context())
        }
    }
}

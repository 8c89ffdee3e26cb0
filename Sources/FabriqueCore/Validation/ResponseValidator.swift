/// The one validation of a whole response, used by the web form, the CSV import and the demo
/// generator alike: types, required-when-relevant, constraints, choice codes, choice filters,
/// select_multiple and rank, and "other, specify" texts. It returns every problem at once.
public struct ResponseValidator: Sendable {
    /// The survey whose rules apply.
    public let survey: Survey
    /// The answer variables, in the order of `validate(fields:today:)`'s arrays.
    public let fieldNames: [String]
    let rules: [FieldRule]
    let index: [String: Int]
    let sectionRelevant: [FormExpression?]

    /// Prepares a validator for a survey.
    public init(survey: Survey) {
        self.survey = survey
        let fields = survey.fields
        fieldNames = fields.map(\.name)
        let index = Dictionary(fields.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        self.index = index
        rules = fields.map { FieldRule(field: $0, survey: survey, index: index) }
        sectionRelevant = survey.sections.map { $0.relevant?.expression.resolvingReferences(index) }
    }

    /// Validates raw answers keyed by variable name. Select_multiple and rank answers are
    /// space-separated codes. Answers to questions that are not relevant are dropped.
    public func validate(_ raw: [String: String], today: CalendarDate) -> ValidationResult {
        let result = validate(fields: aligned(raw), today: today)
        var values: [String: String] = [:]
        for (name, value) in zip(fieldNames, result.values) where value != nil { values[name] = value }
        return ValidationResult(values: values, issues: result.issues)
    }

    /// Validates raw answers aligned with `fieldNames` (nil for absent), returning canonical values
    /// aligned the same way. This is the same validation as `validate(_:today:)`, without dictionaries.
    public func validate(fields raw: [String?], today: CalendarDate) -> (values: [String?], issues: [ValidationIssue]) {
        let result = validateReportingIgnored(fields: raw, today: today)
        return (result.values, result.issues)
    }

    /// Also returns the positions of answers given to questions that did not apply (skip logic):
    /// they are not stored, as in every XLSForm tool, and an import reports how many there were.
    /// `parsed` keeps answers already parsed by the calling thread (a bulk import's), with the same results.
    public func validateReportingIgnored(fields raw: [String?], today: CalendarDate, parsed: ParsedAnswers? = nil)
        -> (values: [String?], issues: [ValidationIssue], ignored: [Int]) {
        var applies: [Bool]? = nil
        return run(raw, today: today, applies: &applies, parsed: parsed)
    }

    /// Validates raw answers keyed by variable name and also tells which variables apply under
    /// those answers (skip logic, section conditions and "other" texts): what a web form shows.
    public func evaluate(_ raw: [String: String], today: CalendarDate) -> FormEvaluation {
        var applies: [Bool]? = Array(repeating: false, count: rules.count)
        let result = run(aligned(raw), today: today, applies: &applies)
        var values: [String: String] = [:]
        for (position, name) in fieldNames.enumerated() {
            if let value = result.values[position] { values[name] = value }
        }
        return FormEvaluation(values: values, issues: result.issues,
                              applicable: ApplicableFields(fieldNames: fieldNames, index: index, flags: applies ?? []))
    }

    /// Raw answers keyed by name, aligned with `fieldNames` (nil for absent). Placed by the
    /// answers' own entries: a form page's draft is often short or empty.
    public func aligned(_ raw: [String: String]) -> [String?] {
        var aligned = [String?](repeating: nil, count: fieldNames.count)
        for (name, value) in raw { if let position = index[name] { aligned[position] = value } }
        return aligned
    }

    private func run(_ raw: [String?], today: CalendarDate, applies: inout [Bool]?, parsed: ParsedAnswers? = nil)
        -> (values: [String?], issues: [ValidationIssue], ignored: [Int]) {
        var ignored: [Int] = []
        parsed?.use(date: today)
        var state = State(validator: self, today: today)
        var sectionShown: [Bool?] = Array(repeating: nil, count: sectionRelevant.count)
        for (position, rule) in rules.enumerated() {
            // Plain conditionals, no closures: a closure here would capture (copy) the validator for every field.
            let inSection: Bool
            if let shown = sectionShown[rule.sectionIndex] {
                inSection = shown
            } else {
                if let condition = sectionRelevant[rule.sectionIndex] { inSection = state.isTrue(condition) } else { inSection = true }
                sectionShown[rule.sectionIndex] = inSection
            }
            var relevant = true
            if inSection, let condition = rule.relevant { relevant = state.isTrue(condition) }
            guard inSection, relevant else {
                if rule.role != .calculation, let text = raw[position], !text.trimmingASCIIWhitespace().isEmpty { ignored.append(position) }
                continue
            }
            switch rule.role {
            case .otherText:
                guard let parent = rule.parent, state.typed[parent].asList.contains(Choice.otherValue) else {
                    if let text = raw[position], !text.trimmingASCIIWhitespace().isEmpty { ignored.append(position) }
                    continue
                }
                applies?[position] = true
                let text = (raw[position] ?? "").trimmingASCIIWhitespace()
                if text.isEmpty {
                    state.fail(position, .otherTextMissing, "Précisez votre réponse « Autre ».")
                } else {
                    state.store(position, text, .string(text))
                }
            case .calculation:
                applies?[position] = true
                let value = rule.calculation.map { state.evaluate($0) } ?? .empty
                if !value.isEmpty { state.store(position, value.asString, value) }
            case .answer, .likertItem:
                applies?[position] = true
                validateAnswer(position, rule, raw: raw, state: &state, parsed: parsed)
            }
        }
        return (state.values, state.issues, ignored)
    }

    /// `raw` is the whole response's: the text of an answer whose parse is kept is not read.
    private func validateAnswer(_ position: Int, _ rule: FieldRule, raw: [String?], state: inout State, parsed: ParsedAnswers?) {
        let keeps = rule.parseDependsOnTextAlone && parsed != nil
        let answer: ParsedAnswer
        if keeps, let known = parsed!.known(position) {
            answer = known
        } else {
            let text = (raw[position] ?? "").trimmingASCIIWhitespace()
            if text.isEmpty {
                if rule.required {
                    let message = rule.role == .answer ? "Cette question est obligatoire." : "Répondez pour cette ligne : elle est obligatoire."
                    state.fail(position, .required, message)
                }
                return
            }
            guard let (canonical, typed) = parse(position, rule, text, &state) else { return }
            let verdict = rule.constraintDependsOnAnswerAlone ? meetsConstraint(rule, typed, state) : nil
            answer = ParsedAnswer(canonical: canonical, typed: typed, meetsConstraint: verdict)
            if keeps { parsed!.keep(position, answer) }
        }
        guard answer.meetsConstraint ?? meetsConstraint(rule, answer.typed, state) else {
            state.fail(position, .constraint, rule.constraintMessage ?? "Cette réponse ne respecte pas les conditions de la question.")
            return
        }
        state.store(position, answer.canonical, answer.typed)
    }

    private func meetsConstraint(_ rule: FieldRule, _ typed: ExpressionValue, _ state: State) -> Bool {
        guard let constraint = rule.constraint else { return true }
        return state.isTrue(constraint, current: typed)
    }

    /// The canonical text and typed value of an answer, or nil after reporting why it is refused.
    private func parse(_ position: Int, _ rule: FieldRule, _ text: String, _ state: inout State) -> (String, ExpressionValue)? {
        switch rule.valueType {
        case .text:
            return (text, .string(text))
        case .integer:
            guard let value = AnswerParsing.integer(text) else {
                state.fail(position, .notInteger, "« \(text) » n'est pas un nombre entier (exemple : 12).")
                return nil
            }
            return (String(value), .number(Double(value)))
        case .decimal:
            guard let value = AnswerParsing.decimal(text) else {
                state.fail(position, .notDecimal, "« \(text) » n'est pas un nombre (exemple : 0,5).")
                return nil
            }
            return (AnswerParsing.canonical(value), .number(value))
        case .date:
            guard let date = CalendarDate(french: text) else {
                state.fail(position, .notDate, "« \(text) » n'est pas une date valide (format jj/mm/aaaa, exemple : 15/03/2024).")
                return nil
            }
            return (date.description, .string(date.description))
        case .selectOne, .selectMultiple, .rank, .likert:
            return parseChoices(position, rule, text, &state)
        case .note, .calculate:
            return nil
        }
    }

    private func parseChoices(_ position: Int, _ rule: FieldRule, _ text: String, _ state: inout State) -> (String, ExpressionValue)? {
        let single = rule.valueType == .selectOne
        // A filter whose inputs were refused is not judged: the respondent would see a second
        // error caused by the first (a bad region, so a bad département). An input that is
        // merely unanswered filters as in the browser, where it leaves no choice.
        let judgeFilter = rule.choiceFilter != nil && (state.failed.isEmpty || !rule.filterReferences.contains(where: state.failed.contains))
        func allowed(_ at: Int) -> Bool {
            guard judgeFilter, let filter = rule.choiceFilter, rule.choices[at].value != Choice.otherValue else { return true }
            return state.isTrue(filter, current: .empty, item: rule.choices[at])
        }
        // Fast paths for answers that are accepted as written: one known code, or several codes
        // already written as they are stored (as fabrique and Kobo write them), each allowed by
        // the filter if there is one. Anything else is read below, with its messages.
        if single, let at = rule.codes.position(of: text), allowed(at) { return (text, .string(text)) }
        if rule.valueType == .selectMultiple || rule.valueType == .rank,
           let codes = rule.codes.canonicalCodes(text, inListOrder: rule.valueType == .selectMultiple, accepting: allowed) {
            return (text, .list(codes))
        }
        let codes = text.splitOnASCIIWhitespace()
        if single, codes.count > 1 {
            if codes.allSatisfy({ rule.codes.contains($0) }) {
                state.fail(position, .singleChoiceExpected, "Une seule réponse est possible.")
            } else {
                state.fail(position, .unknownChoice, "« \(text) » ne fait pas partie des réponses proposées.")
            }
            return nil
        }
        var accepted: [Int] = []
        for code in codes {
            guard let at = rule.codes.position(of: code) else {
                state.fail(position, .unknownChoice, "« \(code) » ne fait pas partie des réponses proposées.")
                return nil
            }
            let choice = rule.choices[at]
            if !allowed(at) {
                state.fail(position, .filteredChoice, "« \(choice.label) » n'est pas possible compte tenu de vos réponses précédentes.")
                return nil
            }
            if accepted.contains(at) {
                if rule.valueType == .rank {
                    state.fail(position, .duplicateRank, "« \(choice.label) » est classé plusieurs fois ; chaque élément ne peut avoir qu'un rang.")
                    return nil
                }
                continue
            }
            accepted.append(at)
        }
        if single { return (codes[0], .string(codes[0])) }
        // Already canonical (each code once, in list order or rank order, one space apart): kept as is.
        if accepted.count == codes.count, rule.valueType == .rank || zip(accepted, accepted.dropFirst()).allSatisfy({ $0 < $1 }),
           text.utf8.count == codes.reduce(codes.count - 1, { $0 + $1.utf8.count }),
           !text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return (text, .list(codes))
        }
        // Select_multiple answers are stored in list order, so that equal answers have equal text.
        let ordered = (rule.valueType == .rank ? accepted : accepted.sorted()).map { rule.choices[$0].value }
        return (ordered.joined(separator: " "), .list(ordered))
    }

    /// Answers gathered so far, which later expressions can see, by field position.
    private struct State {
        /// The rules only, not the validator: copying the validator (the survey and its tables)
        /// into each response's state cost more retains than the response's own work.
        let rules: [FieldRule]
        let scope: Scope
        var values: [String?]
        var issues: [ValidationIssue] = []
        /// Positions of variables with an issue in this response.
        var failed: Set<Int> = []
        /// One context for the whole response: its closures read the scope, which changes as answers arrive.
        let context: EvaluationContext

        init(validator: ResponseValidator, today: CalendarDate) {
            rules = validator.rules
            let scope = Scope(index: validator.index, count: validator.rules.count)
            self.scope = scope
            values = Array(repeating: nil, count: validator.rules.count)
            var context = EvaluationContext(today: today, current: .empty, value: { scope.value($0) }, attribute: { scope.attribute($0) })
            context.slot = { scope.typed[$0] }
            self.context = context
        }

        var typed: UnsafeMutableBufferPointer<ExpressionValue> { scope.typed }

        mutating func store(_ position: Int, _ canonical: String, _ value: ExpressionValue) {
            values[position] = canonical
            scope.typed[position] = value
        }

        mutating func fail(_ position: Int, _ kind: ValidationIssue.Kind, _ message: String) {
            issues.append(ValidationIssue(field: rules[position].name, kind: kind, message: message))
            failed.insert(position)
        }

        /// A condition without `.` nor choice item (relevance): the response's context as it is,
        /// not a copy (copying it retains its closures, for each of a response's conditions).
        /// The choice item is only ever set during `isTrue(_:current:item:)`.
        func isTrue(_ expression: FormExpression) -> Bool {
            expression.isTrue(in: context)
        }

        func isTrue(_ expression: FormExpression, current: ExpressionValue, item: Choice? = nil) -> Bool {
            scope.item = item
            defer { if item != nil { scope.item = nil } }
            var context = context
            context.current = current
            return expression.isTrue(in: context)
        }

        func evaluate(_ expression: FormExpression) -> ExpressionValue {
            expression.evaluate(in: context)
        }
    }

    /// The answers and the choice item that expressions read while one response is validated.
    /// The answers are in memory of their own, read and written through a constant pointer:
    /// as a class's array they would pay a dynamic exclusivity check on every read.
    private final class Scope {
        let index: [String: Int]
        let typed: UnsafeMutableBufferPointer<ExpressionValue>
        var item: Choice?

        init(index: [String: Int], count: Int) {
            self.index = index
            typed = .allocate(capacity: count)
            typed.initialize(repeating: .empty)
        }

        deinit {
            typed.deinitialize()
            typed.deallocate()
        }

        func value(_ name: String) -> ExpressionValue {
            index[name].map { typed[$0] } ?? .empty
        }

        func attribute(_ name: String) -> ExpressionValue {
            guard let item else { return .empty }
            switch name {
            case "value": return .string(item.value)
            case "label": return .string(item.label)
            default: return item.attributes[name].map(ExpressionValue.string) ?? .empty
            }
        }
    }
}

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
    /// The positions of the variables with a soft limit (`warning`), judged after the rest.
    let warned: [Int]

    /// Prepares a validator for a survey.
    public init(survey: Survey) {
        self.survey = survey
        let fields = survey.fields
        fieldNames = fields.map(\.name)
        let index = Dictionary(fields.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        self.index = index
        let rules = fields.map { FieldRule(field: $0, survey: survey, index: index) }
        self.rules = rules
        sectionRelevant = survey.sections.map { $0.relevant?.expression.resolvingReferences(index) }
        warned = rules.indices.filter { rules[$0].warning != nil }
    }

    /// Validates raw answers keyed by variable name. Select_multiple and rank answers are
    /// space-separated codes. Answers to questions that are not relevant are dropped.
    public func validate(_ raw: [String: String], today: CalendarDate) -> ValidationResult {
        let result = validate(fields: aligned(raw), today: today)
        var values: [String: String] = [:]
        for (name, value) in zip(fieldNames, result.values) where value != nil { values[name] = value }
        return ValidationResult(values: values, issues: result.issues, warnings: result.warnings)
    }

    /// Validates raw answers aligned with `fieldNames` (nil for absent), returning canonical values
    /// aligned the same way. This is the same validation as `validate(_:today:)`, without dictionaries.
    public func validate(fields raw: [String?], today: CalendarDate) -> (values: [String?], issues: [ValidationIssue], warnings: [ValidationIssue]) {
        let workspace = prepared(raw, today: today)
        run(workspace, tracksApplicability: false)
        return (workspace.values, workspace.issues, workspace.warnings)
    }

    /// Validates the response given to the workspace (`ValidationWorkspace.beginResponse()`…):
    /// its values, issues and ignored answers are then read from the workspace. Answers given to
    /// questions that did not apply (skip logic) are not stored, as in every XLSForm tool, and
    /// listed in `ignored`. This is the same validation as `validate(fields:today:)`.
    public func validate(_ workspace: ValidationWorkspace) {
        // Equal arrays sharing storage compare at once: a workspace made from this validator.
        precondition(workspace.names == fieldNames, "a workspace made for another survey's variables")
        run(workspace, tracksApplicability: false)
    }

    /// Validates raw answers keyed by variable name and also tells which variables apply under
    /// those answers (skip logic, section conditions and "other" texts): what a web form shows.
    public func evaluate(_ raw: [String: String], today: CalendarDate) -> FormEvaluation {
        let workspace = prepared(aligned(raw), today: today)
        run(workspace, tracksApplicability: true)
        var values: [String: String] = [:]
        for (position, name) in fieldNames.enumerated() {
            if let value = workspace.value(at: position) { values[name] = value }
        }
        return FormEvaluation(
            values: values, issues: workspace.issues, warnings: workspace.warnings,
            applicable: ApplicableFields(fieldNames: fieldNames, index: index, flags: Array(workspace.applies)))
    }

    /// A workspace holding one response's raw answers.
    private func prepared(_ raw: [String?], today: CalendarDate) -> ValidationWorkspace {
        let workspace = ValidationWorkspace(validator: self, today: today)
        workspace.beginResponse(texts: raw)
        return workspace
    }

    /// Raw answers keyed by name, aligned with `fieldNames` (nil for absent). Placed by the
    /// answers' own entries: a form page's draft is often short or empty.
    public func aligned(_ raw: [String: String]) -> [String?] {
        var aligned = [String?](repeating: nil, count: fieldNames.count)
        for (name, value) in raw { if let position = index[name] { aligned[position] = value } }
        return aligned
    }

    /// Judges every variable. Without `tracksApplicability` (values, issues and ignored answers
    /// only), the conditions of an optional question left unanswered are not evaluated: it
    /// gives none of those whether it applies or not, and a bulk import meets thousands of them;
    /// the workspace's `applies` is then incomplete.
    private func run(_ workspace: ValidationWorkspace, tracksApplicability: Bool) {
        workspace.startValidation()
        for position in rules.indices {
            // The rule is used without being retained (the validator holds its rules for the whole
            // run): the validating threads share the rules, and a retain and release per variable
            // of every response made their reference counts bounce between the cores. Measured with
            // `Benchmarks/csv-import.sh 200000` against a plain `for rule in rules`: 11 to 16 % of
            // the import's wall time (2026-12-07), hence this underscored standard-library API.
            Unmanaged.passUnretained(rules[position])._withUnsafeGuaranteedRef { rule in
                if !tracksApplicability, !rule.required, rule.role == .answer || rule.role == .likertItem, !workspace.isGiven(position) { return }
                check(position, rule, workspace)
            }
        }
        // Soft limits are judged once every answer is in, since they may read later answers.
        for position in warned {
            if let warning = rules[position].warning, workspace.breaksWarning(position, warning) {
                workspace.warnings.append(
                    ValidationIssue(
                        field: fieldNames[position], kind: .unusualValue,
                        message: rules[position].warningMessage ?? Self.warningMessage))
            }
        }
    }

    /// Judges one variable: whether its section and question apply, then its answer ("other"
    /// texts: `checkOtherText`).
    private func check(_ position: Int, _ rule: FieldRule, _ workspace: ValidationWorkspace) {
        if rule.role == .otherText {
            checkOtherText(position, rule, workspace)
            return
        }
        let inSection: Bool
        switch workspace.sectionShown[rule.sectionIndex] {
        case 1: inSection = true
        case 0: inSection = false
        default:
            inSection = sectionRelevant[rule.sectionIndex]?.isTrue(in: workspace.context) ?? true
            workspace.sectionShown[rule.sectionIndex] = inSection ? 1 : 0
        }
        // Optional chaining borrows the condition where `map` or `if let` copy (retain) it.
        guard inSection, rule.relevant?.isTrue(in: workspace.context) ?? true else {
            if rule.role != .calculation, workspace.hasText(position) { workspace.ignored.append(position) }
            return
        }
        switch rule.role {
        case .calculation:
            workspace.applies[position] = true
            let value = rule.calculation.map { workspace.evaluate($0) } ?? .empty
            if !value.isEmpty { workspace.answers.store(position, value.asString, value) }
        case .answer, .likertItem:
            workspace.applies[position] = true
            validateAnswer(position, rule, workspace)
        case .otherText:
            preconditionFailure("an other text is judged by checkOtherText")
        }
    }

    /// An "other, specify" text applies exactly when its question's answer holds `other`. That
    /// answer has a value only if the question applied, and the text's variable follows its
    /// question's, under the same section and condition (which cannot read the question itself):
    /// the conditions are not evaluated a second time.
    private func checkOtherText(_ position: Int, _ rule: FieldRule, _ workspace: ValidationWorkspace) {
        guard let parent = rule.parent, workspace.holdsOther(at: parent, last: rule.otherComesLast) else {
            if workspace.hasText(position) { workspace.ignored.append(position) }
            return
        }
        workspace.applies[position] = true
        let text = workspace.text(position)
        if text.isEmpty {
            workspace.fail(position, .otherTextMissing, "Précisez votre réponse « Autre ».")
        } else if let scalar = TextInput.forbiddenCharacter(in: text) {
            workspace.fail(position, .forbiddenCharacter, Self.forbiddenCharacterMessage(scalar))
        } else {
            workspace.answers.store(position, text, .string(text))
        }
    }

    /// A numbered answer whose parse is kept is not parsed again, nor copied: the workspace
    /// reads it where it is kept.
    private func validateAnswer(_ position: Int, _ rule: FieldRule, _ workspace: ValidationWorkspace) {
        let keeps = rule.parseDependsOnTextAlone && workspace.parsed != nil
        if keeps {
            let verdict = workspace.keptVerdict(position)
            if verdict != 0 {
                let key = workspace.key(position)
                let meets =
                    switch verdict {
                    case ParsedAnswers.meets: true
                    case ParsedAnswers.fails: false
                    default: meetsConstraint(rule, workspace.parsed!.typed(position, key), workspace)
                    }
                guard meets else {
                    workspace.fail(position, .constraint, rule.constraintMessage ?? Self.constraintMessage)
                    return
                }
                workspace.answers.storeKept(position, key)
                return
            }
        }
        let text = workspace.text(position)
        if text.isEmpty {
            if rule.required {
                let message = rule.role == .answer ? "Cette question est obligatoire." : "Répondez pour cette ligne : elle est obligatoire."
                workspace.fail(position, .required, message)
            }
            return
        }
        guard let (canonical, typed) = parse(position, rule, text, workspace) else { return }
        let verdict = rule.constraintDependsOnAnswerAlone ? meetsConstraint(rule, typed, workspace) : nil
        let key = workspace.key(position)
        let kept = keeps && workspace.parsed!.keep(position, key, canonical: canonical, typed: typed, meetsConstraint: verdict)
        guard verdict ?? meetsConstraint(rule, typed, workspace) else {
            workspace.fail(position, .constraint, rule.constraintMessage ?? Self.constraintMessage)
            return
        }
        if kept { workspace.answers.storeKept(position, key) } else { workspace.answers.store(position, canonical, typed) }
    }

    static let constraintMessage = "Cette réponse ne respecte pas les conditions de la question."
    static let warningMessage = "Cette réponse est inhabituelle : vérifiez-la. Si elle est juste, continuez."

    /// A control or bidirectional character cannot be shown, so the message names its code point.
    static func forbiddenCharacterMessage(_ scalar: Unicode.Scalar) -> String {
        "Votre réponse contient un caractère invisible non autorisé (\(TextInput.describe(scalar))) : retapez le texte sans le copier-coller."
    }

    private func meetsConstraint(_ rule: FieldRule, _ typed: ExpressionValue, _ workspace: ValidationWorkspace) -> Bool {
        guard let constraint = rule.constraint else { return true }
        if let met = rule.bounds?.isMet(by: typed, today: workspace.todayText) { return met }
        return workspace.isTrue(constraint, current: typed)
    }

    /// The canonical text and typed value of an answer, or nil after reporting why it is refused.
    private func parse(_ position: Int, _ rule: FieldRule, _ text: String, _ workspace: ValidationWorkspace) -> (String, ExpressionValue)? {
        switch rule.valueType {
        case .text:
            if let scalar = TextInput.forbiddenCharacter(in: text) {
                workspace.fail(position, .forbiddenCharacter, Self.forbiddenCharacterMessage(scalar))
                return nil
            }
            return (text, .string(text))
        case .integer:
            guard let value = AnswerParsing.integer(text) else {
                if AnswerParsing.isTooLargeInteger(text) {
                    workspace.fail(position, .tooLarge, "« \(text) » est trop grand : un nombre entier a au plus 18 chiffres.")
                } else {
                    workspace.fail(position, .notInteger, "« \(text) » n'est pas un nombre entier (exemple : 12).")
                }
                return nil
            }
            return (String(value), .number(Double(value)))
        case .decimal:
            guard let value = AnswerParsing.decimal(text) else {
                workspace.fail(position, .notDecimal, "« \(text) » n'est pas un nombre (exemple : 0,5).")
                return nil
            }
            return (AnswerParsing.canonical(value), .number(value))
        case .date:
            guard let date = CalendarDate(french: text) else {
                workspace.fail(position, .notDate, "« \(text) » n'est pas une date valide (format jj/mm/aaaa, exemple : 15/03/2024).")
                return nil
            }
            return (date.description, .string(date.description))
        case .selectOne, .selectMultiple, .rank, .likert:
            return parseChoices(position, rule, text, workspace)
        case .note, .calculate:
            return nil
        }
    }

    private func parseChoices(_ position: Int, _ rule: FieldRule, _ text: String, _ workspace: ValidationWorkspace) -> (String, ExpressionValue)? {
        let single = rule.valueType == .selectOne
        // A filter whose inputs were refused is not judged: the respondent would see a second
        // error caused by the first (a bad region, so a bad département). An input that is
        // merely unanswered filters as in the browser, where it leaves no choice.
        let judgeFilter = rule.filter != nil && (workspace.failedCount == 0 || !rule.filterReferences.contains(where: { workspace.failed[$0] }))
        func allowed(_ at: Int) -> Bool {
            guard judgeFilter, let filter = rule.filter, rule.choices[at].value != Choice.otherValue else { return true }
            return filter.allows(at, of: rule.choices, in: workspace)
        }
        // Fast paths for answers that are accepted as written: one known code, or several codes
        // already written as they are stored (as fabrique and Kobo write them), each allowed by
        // the filter if there is one. Anything else is read below, with its messages.
        if single, let at = rule.codes.position(of: text), allowed(at) { return (text, .string(text)) }
        if rule.valueType == .selectMultiple || rule.valueType == .rank,
            let codes = rule.codes.canonicalCodes(text, inListOrder: rule.valueType == .selectMultiple, accepting: allowed)
        {
            return (text, .list(codes))
        }
        let codes = text.splitOnASCIIWhitespace()
        if single, codes.count > 1 {
            if codes.allSatisfy({ rule.codes.contains($0) }) {
                workspace.fail(position, .singleChoiceExpected, "Une seule réponse est possible.")
            } else {
                workspace.fail(position, .unknownChoice, "« \(text) » ne fait pas partie des réponses proposées.")
            }
            return nil
        }
        var accepted: [Int] = []
        for code in codes {
            guard let at = rule.codes.position(of: code) else {
                workspace.fail(position, .unknownChoice, "« \(code) » ne fait pas partie des réponses proposées.")
                return nil
            }
            let choice = rule.choices[at]
            if !allowed(at) {
                workspace.fail(position, .filteredChoice, "« \(choice.label) » n'est pas possible compte tenu de vos réponses précédentes.")
                return nil
            }
            if accepted.contains(at) {
                if rule.valueType == .rank {
                    workspace.fail(
                        position, .duplicateRank, "« \(choice.label) » est classé plusieurs fois ; chaque élément ne peut avoir qu'un rang.")
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
            !text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        {
            return (text, .list(codes))
        }
        // Select_multiple answers are stored in list order, so that equal answers have equal text.
        let ordered = (rule.valueType == .rank ? accepted : accepted.sorted()).map { rule.choices[$0].value }
        return (ordered.joined(separator: " "), .list(ordered))
    }
}

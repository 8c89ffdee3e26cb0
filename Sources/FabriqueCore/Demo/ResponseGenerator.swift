/// Generates realistic, reproducible responses that pass `ResponseValidator`: regions weighted by
/// population, choice filters and constraints honoured, optional questions sometimes skipped, and
/// every skip-logic branch taken across enough responses.
public struct ResponseGenerator {
    /// Raised when the survey's rules cannot be met by random answers (a contradictory constraint).
    public struct Unsatisfiable: Error, CustomStringConvertible {
        public var issues: [ValidationIssue]
        public var description: String {
            "could not generate a valid response after several tries: " + issues.map(\.description).joined(separator: "; ")
        }
    }

    public let survey: Survey
    private let validator: ResponseValidator
    private let fields: [AnswerField]
    private let today: CalendarDate
    private let regionWeights: [String: Double]
    /// The question answered with a département, whose label names the territory in free texts.
    private let departementQuestion: (name: String, list: ChoiceList)?
    private var random: SeededRandom

    /// Prepares a generator; `regions` weights the answers to the `regions` list by population.
    public init(survey: Survey, regions: [Region], seed: UInt64, today: CalendarDate) {
        self.survey = survey
        self.validator = ResponseValidator(survey: survey)
        self.fields = survey.fields
        self.today = today
        self.regionWeights = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, Double(max($0.population, 1))) })
        self.random = SeededRandom(seed: seed)
        self.departementQuestion = survey.questions.first { $0.choices == "departements" }.flatMap { q in
            survey.choiceList(named: "departements").map { (q.name, $0) }
        }
    }

    /// The next response: canonical values keyed by variable name, valid under the survey's rules.
    public mutating func next() throws -> [String: String] {
        var last: [ValidationIssue] = []
        for _ in 0..<20 {
            let raw = draft()
            let result = validator.validate(raw, today: today)
            if result.isValid { return result.values }
            last = result.issues
        }
        throw Unsatisfiable(issues: last)
    }

    /// One pass over the fields in order, answering what is relevant.
    private mutating func draft() -> [String: String] {
        var raw: [String: String] = [:]
        var typed: [String: ExpressionValue] = [:]
        var sectionShown: [Int: Bool] = [:]
        for field in fields {
            let question = field.question
            let context = EvaluationContext(today: today, value: { typed[$0] ?? .empty })
            let shown =
                sectionShown[field.sectionIndex]
                ?? {
                    let value = survey.sections[field.sectionIndex].relevant?.expression.isTrue(in: context) ?? true
                    sectionShown[field.sectionIndex] = value
                    return value
                }()
            guard shown, question.relevant?.expression.isTrue(in: context) ?? true else { continue }
            let value: String?
            switch field.kind {
            case .otherText:
                value = typed[question.name]?.asList.contains(Choice.otherValue) == true ? TextBank.other(&random) : nil
            case .question where question.type == .calculate:
                value = question.calculation.map { $0.expression.evaluate(in: context).asString }
            default:
                let mustAnswer = question.required || random.chance(0.85)
                value = mustAnswer ? answer(field, typed: typed) : nil
            }
            if let value, !value.isEmpty {
                raw[field.name] = value
                typed[field.name] = field.typedValue(value)
            }
        }
        return raw
    }

    /// A value meeting the field's type, choice filter and constraint, found by a few draws.
    private mutating func answer(_ field: AnswerField, typed: [String: ExpressionValue]) -> String? {
        var candidate: String?
        for _ in 0..<30 {
            candidate = proposal(field, typed: typed)
            guard let value = candidate else { return nil }
            guard let constraint = field.question.constraint else { return value }
            let context = EvaluationContext(today: today, current: field.typedValue(value), value: { typed[$0] ?? .empty })
            if constraint.expression.isTrue(in: context) { return value }
        }
        return candidate
    }

    private mutating func proposal(_ field: AnswerField, typed: [String: ExpressionValue]) -> String? {
        let question = field.question
        switch field.valueType {
        case .text:
            let place = departementQuestion.flatMap { name, list in typed[name].flatMap { list.item($0.asString)?.label } }
            return TextBank.text(for: question.name, multiline: question.appearance == "multiline", place: place, &random)
        case .integer:
            let range = NumericBounds.range(of: question, typed: typed, today: today, fallback: NumericBounds.integerFallback(question.name))
            return String(Int(Double.random(in: range, using: &random).rounded()))
        case .decimal:
            let range = NumericBounds.range(of: question, typed: typed, today: today, fallback: NumericBounds.decimalFallback(question.name))
            let step = range.upperBound - range.lowerBound <= 10 ? 10.0 : 1.0
            return AnswerParsing.canonical((Double.random(in: range, using: &random) * step).rounded() / step)
        case .date:
            let year = Int.random(in: max(2005, today.year - 15)...today.year, using: &random)
            let month = Int.random(in: 1...(year == today.year ? today.month : 12), using: &random)
            return CalendarDate(year: year, month: month, day: Int.random(in: 1...28, using: &random))?.description
        case .selectOne:
            let options = allowed(field, typed: typed)
            guard !options.isEmpty else { return nil }
            if case .likertItem = field.kind {
                return options[random.weightedIndex(options.indices.map { [0.6, 1.0, 1.6, 2.2, 1.4, 0.8][min($0, 5)] })].value
            }
            let weights = options.map { choice -> Double in
                if choice.value == Choice.otherValue { return 0.15 }
                return question.choices == "regions" ? regionWeights[choice.value] ?? 1 : 1
            }
            return options[random.weightedIndex(weights)].value
        case .selectMultiple:
            let options = allowed(field, typed: typed)
            guard !options.isEmpty else { return nil }
            var picked = options.filter { random.chance($0.value == Choice.otherValue ? 0.08 : 0.35) }
            if picked.isEmpty { picked = [options[Int.random(in: 0..<options.count, using: &random)]] }
            return picked.map(\.value).joined(separator: " ")
        case .rank:
            let options = allowed(field, typed: typed).shuffled(using: &random)
            return options.isEmpty ? nil : options.map(\.value).joined(separator: " ")
        case .likert, .note, .calculate:
            return nil
        }
    }

    /// The choices a question offers given earlier answers (its choice_filter applied).
    private func allowed(_ field: AnswerField, typed: [String: ExpressionValue]) -> [Choice] {
        let question = field.question
        if case .likertItem = field.kind { return question.choices.flatMap(survey.choiceList(named:))?.items ?? [] }
        let choices = survey.choices(for: question)
        guard let filter = question.choiceFilter else { return choices }
        return choices.filter { choice in
            choice.value == Choice.otherValue
                || filter.expression.isTrue(
                    in: EvaluationContext(
                        today: today, value: { typed[$0] ?? .empty },
                        attribute: {
                            $0 == "value"
                                ? .string(choice.value)
                                : $0 == "label" ? .string(choice.label) : choice.attributes[$0].map(ExpressionValue.string) ?? .empty
                        }))
        }
    }
}

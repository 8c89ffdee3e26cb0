/// The paging of a questionnaire as a web form: one page per section, answers merged page by
/// page into a draft, and skip logic decided by the one validator. It holds no I/O, so the web
/// app and the tests share the same rules.
public struct FormFlow: Sendable {
    /// One page: a section and the answer variables it carries.
    public struct Page: Sendable, Hashable {
        /// The position of the section in the survey.
        public var sectionIndex: Int
        /// The answer variables of the page (likert items, "other" texts included), in order.
        public var fieldNames: [String]
    }

    /// The survey being filled in.
    public let survey: Survey
    /// The validator every page and the final submission go through.
    public let validator: ResponseValidator
    /// Every page, in survey order, shown or not.
    public let pages: [Page]
    private let fieldsByName: [String: AnswerField]
    private let pageOfField: [String: Int]
    /// The variables whose condition reads an answer of their own page (asked at every request).
    private let ownPageConditions: Set<String>
    /// Each choice as the browser's live filters read it, made once per survey version.
    private let choiceJSON: [String: String]

    /// Prepares the pages of a survey.
    public init(survey: Survey) {
        self.survey = survey
        validator = ResponseValidator(survey: survey)
        let fields = survey.fields
        fieldsByName = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        pages = survey.sections.indices.map { index in
            Page(sectionIndex: index, fieldNames: fields.filter { $0.sectionIndex == index && $0.question.type != .calculate }.map(\.name))
        }
        var pageOfField: [String: Int] = [:]
        for (index, page) in pages.enumerated() {
            for name in page.fieldNames { pageOfField[name] = index }
        }
        self.pageOfField = pageOfField
        allFieldNames = Set(pages.flatMap(\.fieldNames))
        ownPageConditions = Set(
            fields.filter { field in
                guard let page = pageOfField[field.question.name] ?? pageOfField[field.name], let relevant = field.question.relevant else {
                    return false
                }
                return relevant.expression.references.contains { pageOfField[$0.name] == page }
            }.map(\.name))
        var choiceJSON: [String: String] = [:]
        for list in survey.choiceLists {
            for choice in list.items { choiceJSON[Self.key(choice)] = Self.json(choice) }
        }
        self.choiceJSON = choiceJSON
    }

    /// A choice as JSON (`value`, `label`, then its attributes by name), for `data-attrs`.
    public func attributesJSON(_ choice: Choice) -> String {
        choiceJSON[Self.key(choice)] ?? Self.json(choice)
    }

    /// A choice's key in the per-version caches of the form (its code and label).
    public static func key(_ choice: Choice) -> String { choice.value + "\u{1F}" + choice.label }

    private static func json(_ choice: Choice) -> String {
        let object = OrderedJSONObject(
            [("value", choice.value), ("label", choice.label)] + choice.attributes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        // An object of strings always encodes: the fallback is never taken.
        return (try? JSONOutput.text(object)) ?? "{}"
    }

    /// The field a variable name belongs to.
    public func field(named name: String) -> AnswerField? { fieldsByName[name] }

    /// The page that asks a variable.
    public func page(of fieldName: String) -> Int? { pageOfField[fieldName] }

    /// Folds posted form pairs into a draft of raw answers. Only variables named in `allowed` are
    /// taken. A variable whose name is posted replaces the draft's answer, even with nothing
    /// chosen: forms send an empty marker before each group of boxes, so that unticking every box
    /// is an answer too. Variables not posted keep their draft answer.
    public func merge(_ posted: [(name: String, value: String)], into draft: inout [String: String], allowed: Set<String>) {
        // Gathered by field position: a whole response posts some ninety fields, and keyed
        // gathering (with a copy of each field's description) cost as much as validating them.
        var gathered = [[String]?](repeating: nil, count: validator.fieldNames.count)
        var order: [Int] = []
        for (name, value) in posted {
            guard let position = validator.index[name], allowed.contains(name) else { continue }
            if gathered[position] == nil {
                gathered[position] = []
                order.append(position)
            }
            gathered[position]!.append(value)
        }
        draft.reserveCapacity(draft.count + order.count)
        for position in order {
            guard let values = gathered[position] else { continue }
            let name = validator.fieldNames[position]
            switch validator.rules[position].valueType {
            case .selectMultiple, .rank:
                var seen: Set<String> = []
                var codes: [String] = []
                for value in values {
                    let code = value.trimmingASCIIWhitespace()
                    if !code.isEmpty, seen.insert(code).inserted { codes.append(code) }
                }
                draft[name] = codes.joined(separator: " ")
            default:
                draft[name] = values.last { !$0.trimmingASCIIWhitespace().isEmpty } ?? ""
            }
        }
    }

    /// The variables of one page.
    public func fieldNames(onPage page: Int) -> Set<String> { Set(pages[page].fieldNames) }

    /// Every answer variable of the survey.
    public let allFieldNames: Set<String>

    /// Whether a page has something to answer under the current evaluation.
    public func isShown(page: Int, _ evaluation: FormEvaluation) -> Bool {
        let page = pages[page]
        if page.fieldNames.isEmpty {
            return survey.sections[page.sectionIndex].questions.contains { $0.type == .note }
        }
        return page.fieldNames.contains { evaluation.applicable.contains($0) || dependsOnOwnPage($0) }
    }

    /// The pages shown under the current evaluation, in order.
    public func shownPages(_ evaluation: FormEvaluation) -> [Int] {
        pages.indices.filter { isShown(page: $0, evaluation) }
    }

    /// Whether a variable's question is shown: it applies, or its condition reads answers of its
    /// own page, which only the browser (or the next submission) can judge.
    public func isShown(question: Question, _ evaluation: FormEvaluation) -> Bool {
        if question.type == .note { return true }
        let names = question.type == .likert ? question.items.map(\.name) : [question.name]
        return names.contains { evaluation.applicable.contains($0) } || dependsOnOwnPage(question.name)
    }

    /// Whether a question's condition reads an answer given on the same page.
    public func dependsOnOwnPage(_ name: String) -> Bool {
        ownPageConditions.contains(name)
    }

    /// Whether a question's choice filter reads an answer given on the same page.
    public func filterDependsOnOwnPage(_ question: Question) -> Bool {
        guard let filter = question.choiceFilter, let page = pageOfField[question.name] ?? question.items.first.flatMap({ pageOfField[$0.name] })
        else {
            return false
        }
        return filter.expression.references.contains { pageOfField[$0.name] == page }
    }

    /// The issues that belong to one page.
    public func issues(onPage page: Int, _ evaluation: FormEvaluation) -> [ValidationIssue] {
        let names = fieldNames(onPage: page)
        return evaluation.issues.filter { names.contains($0.field) }
    }

    /// The accepted answers of one page that break a soft limit (`warning`).
    public func warnings(onPage page: Int, _ evaluation: FormEvaluation) -> [ValidationIssue] {
        let names = fieldNames(onPage: page)
        return evaluation.warnings.filter { names.contains($0.field) }
    }

    /// What a page posts back (`_verifie`) once it has shown a soft limit's warning: the variable
    /// and the value the respondent was warned about. Posting the same value again confirms it.
    public static func confirmation(of warning: ValidationIssue, _ evaluation: FormEvaluation) -> String {
        warning.field + "=" + (evaluation.values[warning.field] ?? "")
    }

    /// The choices a question offers under the answers so far. A filter that reads answers of the
    /// same page is left to the browser (and to the validator on submission): every choice is listed.
    public func choices(for question: Question, _ evaluation: FormEvaluation, today: CalendarDate) -> [Choice] {
        let all = survey.choices(for: question)
        guard let filter = question.choiceFilter, !filterDependsOnOwnPage(question) else { return all }
        let value: (String) -> ExpressionValue = { name in
            fieldsByName[name].map { $0.typedValue(evaluation.values[name]) } ?? .empty
        }
        return all.filter { choice in
            if choice.value == Choice.otherValue { return true }
            let context = EvaluationContext(
                today: today, current: .empty, value: value,
                attribute: { name in
                    switch name {
                    case "value": .string(choice.value)
                    case "label": .string(choice.label)
                    default: choice.attributes[name].map(ExpressionValue.string) ?? .empty
                    }
                })
            return filter.expression.isTrue(in: context)
        }
    }
}

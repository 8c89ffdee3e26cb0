import FabriqueCore

/// Each question of a survey version written once as it shows unanswered and without error, as
/// most form pages are first seen: the page then copies these bytes instead of building the
/// question again (the 101 départements of the coordination questionnaire among them). Only
/// questions whose markup depends on nothing else are kept: a question whose choices are
/// filtered by answers of other pages is always built.
struct BlankQuestions: Sendable {
    private let html: [String: [UInt8]]

    init(flow: FormFlow, choices: EscapedChoices, today: CalendarDate) {
        let builder = QuestionViewBuilder(
            flow: flow, choices: choices, draft: [:], evaluation: flow.validator.evaluate([:], today: today),
            issues: [], today: today)
        var html: [String: [UInt8]] = [:]
        for section in flow.survey.sections {
            for question in section.questions where question.type != .calculate && Self.isFixed(question, flow) {
                var out = HTMLWriter()
                builder.view(question).write(to: &out)
                html[question.name] = out.bytes
            }
        }
        self.html = html
    }

    /// A question's blank markup when its fields are unanswered and without error.
    func html(_ question: Question, draft: [String: String], errors: [String: String]) -> [UInt8]? {
        guard let html = html[question.name] else { return nil }
        for name in Self.fieldNames(question) where errors[name] != nil || !(draft[name] ?? "").isEmpty { return nil }
        return html
    }

    /// The variables a question's markup shows: its own, its "other" text and its likert items.
    private static func fieldNames(_ question: Question) -> [String] {
        [question.name] + (question.other ? [question.otherName] : []) + question.items.map(\.name)
    }

    /// Whether a question's markup depends only on the survey version (not on other pages' answers).
    private static func isFixed(_ question: Question, _ flow: FormFlow) -> Bool {
        question.choiceFilter == nil || flow.filterDependsOnOwnPage(question)
    }
}

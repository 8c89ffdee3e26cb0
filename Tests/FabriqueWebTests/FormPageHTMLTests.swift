import FabriqueCore
import FabriqueTestSupport
import Foundation
import Mustache
import Testing

@testable import FabriqueWeb

/// The form page is written in Swift between the shared header and footer; it gives the markup
/// of the `formulaire.mustache` template it replaced (kept in Fixtures/), and the questions copied
/// from the blanks are those the builder writes.
struct FormPageHTMLTests {
    /// The old template's view: every property read through Mirror, the questions as one block.
    struct TemplatePage: MustacheParent {
        struct Block: MustacheParent {
            let html: String
            func child(named key: String) -> Any? { key == "html" ? html : nil }
        }

        let page: FormPageView
        let questions: String

        func child(named key: String) -> Any? {
            key == "questions" ? [Block(html: questions)] : QuestionHTMLTests.Mirrored(value: page).child(named: key)
        }
    }

    static func survey() throws -> (FormFlow, EscapedChoices, [String: String]) {
        let survey = try Fixtures.coordinationSurvey()
        var generator = try Fixtures.generator(for: survey, seed: 11)
        let flow = FormFlow(survey: survey)
        return (flow, EscapedChoices(flow: flow), try generator.next())
    }

    @Test func theFormPageMatchesTheTemplateItReplaced() async throws {
        let renderer = try await PageRenderer.load()
        var library = renderer.library
        library.register(try MustacheTemplate(string: try Fixtures.text("Tests/FabriqueWebTests/Fixtures/formulaire.mustache")), named: "formulaire")
        let (flow, choices, answered) = try Self.survey()
        var answers = answered
        answers["nb_qpv"] = "beaucoup"
        let evaluation = flow.validator.evaluate(answers, today: Fixtures.today)
        for (index, section) in flow.survey.sections.enumerated() {
            let builder = QuestionViewBuilder(
                flow: flow, choices: choices, draft: answers, evaluation: evaluation,
                issues: index % 2 == 0 ? evaluation.issues + [ValidationIssue(field: "x", kind: .constraint, message: "<b>m</b>")] : [],
                today: Fixtures.today)
            let errors = builder.errorLinks(section: section) + (index % 2 == 0 ? [ErrorLink(href: "#x", label: "<i>", message: "« m » & co")] : [])
            let layout = LayoutView(pageTitle: section.title, scripts: ["/regles/coordination/1.js", "/static/formulaire.js"])
            let page = FormPageView(
                layout: layout, surveyTitle: flow.survey.title, sectionTitle: section.title,
                sectionDescription: index % 3 == 0 ? "Description <b>" : section.description,
                stepLabel: "Étape \(index + 1) sur 9", stepNumber: index + 1, stepCount: 9, action: "/r/t\"x/page/\(index)",
                errors: errors, hasErrors: !errors.isEmpty, hasPrevious: index > 0,
                answersJSON: try JSONOutput.text(["a": "\"<b>\" </script>"]), contactName: index % 2 == 0 ? "Zoé <Z>" : nil,
                notice: index == 1 ? "Vos réponses sont enregistrées." : nil, today: "2026-11-23")
            var questions = HTMLWriter()
            builder.write(section: section, to: &questions)
            var out = HTMLWriter()
            page.write(to: &out, frame: try renderer.frame(layout)) { builder.write(section: section, to: &$0) }
            let expected = try #require(library.render(TemplatePage(page: page, questions: questions.text), withTemplate: "formulaire"))
            #expect(QuestionHTMLTests.lines(out.text) == QuestionHTMLTests.lines(expected), "section \(section.name)")
            #expect(!out.text.contains("<b>") && !out.text.contains("<i>") && !out.text.contains("Zoé <Z>"))
        }
    }

    @Test func blankQuestionsAreTheQuestionsTheBuilderWrites() throws {
        let (flow, choices, answered) = try Self.survey()
        let blanks = BlankQuestions(flow: flow, choices: choices, today: Fixtures.today)
        // Unanswered, half answered (every other field), answered, and answered with errors.
        let half = Dictionary(uniqueKeysWithValues: answered.sorted { $0.key < $1.key }.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        var copied = 0
        for (draft, withIssues) in [([:], false), (half, false), (half, true), (answered, false)] as [([String: String], Bool)] {
            let evaluation = flow.validator.evaluate(draft, today: Fixtures.today)
            let issues = withIssues ? evaluation.issues : []
            let built = QuestionViewBuilder(flow: flow, choices: choices, draft: draft, evaluation: evaluation, issues: issues, today: Fixtures.today)
            let cached = QuestionViewBuilder(
                flow: flow, choices: choices, blanks: blanks, draft: draft, evaluation: evaluation, issues: issues,
                today: Fixtures.today)
            for section in flow.survey.sections {
                var fromBuilder = HTMLWriter()
                var fromBlanks = HTMLWriter()
                built.write(section: section, to: &fromBuilder)
                cached.write(section: section, to: &fromBlanks)
                #expect(fromBuilder.text == fromBlanks.text, "section \(section.name)")
                copied += section.questions.filter { blanks.html($0, draft: draft, errors: cached.errors) != nil }.count
            }
        }
        // The blanks serve: every question of an empty form, and the unanswered ones of a half-filled one.
        #expect(copied > flow.survey.sections.map(\.questions.count).reduce(0, +))
        // A question filtered by another page's answers is never copied.
        let filtered = flow.survey.sections.flatMap(\.questions).filter { $0.choiceFilter != nil && !flow.filterDependsOnOwnPage($0) }
        for question in filtered { #expect(blanks.html(question, draft: [:], errors: [:]) == nil) }
    }
}

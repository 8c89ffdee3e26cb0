import FabriqueCore
import FabriqueTestSupport
import Foundation
import Mustache
import Testing

@testable import FabriqueWeb

/// The questions are written in Swift since the template engine cost three quarters of a form
/// page. Every question of the coordination questionnaire, empty, answered and with errors, gives
/// the same markup as the `question.mustache` template it replaced (kept in Fixtures/), line for
/// line once indentation is set aside.
struct QuestionHTMLTests {
    /// Reads any struct through Mirror, as swift-mustache does without a direct lookup.
    struct Mirrored: MustacheParent {
        let value: Any

        func child(named key: String) -> Any? {
            guard let child = Mirror(reflecting: value).children.first(where: { $0.label == key }) else { return nil }
            return Self.wrap(child.value)
        }

        static func wrap(_ value: Any) -> Any? {
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional: return mirror.children.first.flatMap { wrap($0.value) }
            case .collection: return mirror.children.map { wrap($0.value) ?? "" }
            case .struct: return Mirrored(value: value)
            default: return value
            }
        }
    }

    static func lines(_ html: String) -> [String] {
        html.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func everyQuestionMatchesTheTemplateItReplaced() throws {
        HTMLEscaper.install()
        let template = try MustacheTemplate(string: try Fixtures.text("Tests/FabriqueWebTests/Fixtures/question.mustache"))
        let survey = try Fixtures.coordinationSurvey()
        let flow = FormFlow(survey: survey)
        var generator = try Fixtures.generator(for: survey, seed: 5)
        var answered = try generator.next()
        // Typed mistakes, so that errors, aria-invalid and the "other" box show up.
        answered["nb_qpv"] = "beaucoup"
        answered["annee_creation"] = "1800"
        answered["demarches"] = "cls autre"
        var compared = 0
        for draft in [[:], answered] {
            let evaluation = flow.validator.evaluate(draft, today: Fixtures.today)
            let issues = draft.isEmpty ? [] : evaluation.issues
            let builder = QuestionViewBuilder(
                flow: flow, choices: EscapedChoices(flow: flow), draft: draft, evaluation: evaluation, issues: issues, today: Fixtures.today,
                showAll: true)
            for section in survey.sections {
                for view in builder.views(section: section) {
                    let expected = template.render(Mirrored(value: view))
                    #expect(Self.lines(view.html) == Self.lines(expected), "question \(view.name)")
                    compared += 1
                }
            }
        }
        #expect(compared > 100)
    }

    @Test func everyValueIsEscaped() throws {
        let survey = try Fixtures.survey(
            """
            id: h
            version: "1"
            title: H
            choices:
              - list_name: l
                items:
                  - {value: a, label: "<script>alert(1)</script>"}
                  - {value: b, label: "x'y & \\"z\\""}
            sections:
              - name: s
                title: S
                questions:
                  - {name: q, type: select_one, label: "<b>Q</b>", hint: "a & b", choices: l, required: true, other: true}
                  - {name: t, type: text, label: "T"}
            """)
        let flow = FormFlow(survey: survey)
        let draft = ["q": "other", "q_other": "</div>", "t": "\"><img src=x>"]
        let evaluation = flow.validator.evaluate(draft, today: Fixtures.today)
        let builder = QuestionViewBuilder(
            flow: flow, choices: EscapedChoices(flow: flow), draft: draft, evaluation: evaluation,
            issues: [], today: Fixtures.today)
        let html = builder.views(section: survey.sections[0]).map(\.html).joined()
        #expect(!html.contains("<script>") && !html.contains("<b>") && !html.contains("<img") && !html.contains("value=\"</div>\""))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && html.contains("x&#39;y &amp; &quot;z&quot;"))
        #expect(html.contains("<legend>&lt;b&gt;Q&lt;/b&gt; <span class=\"obligatoire\">(obligatoire)</span></legend>"))
        #expect(html.contains("value=\"&quot;&gt;&lt;img src=x&gt;\""))
    }
}

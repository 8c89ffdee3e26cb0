import FabriqueCore
import FabriqueTestSupport
import Foundation
import Mustache
@testable import FabriqueWeb
import Testing

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
        var generator = ResponseGenerator(survey: survey, regions: try Fixtures.referential().regions, seed: 5, today: Fixtures.today)
        var answered = try generator.next()
        // Typed mistakes, so that errors, aria-invalid and the "other" box show up.
        answered["nb_qpv"] = "beaucoup"
        answered["annee_creation"] = "1800"
        answered["demarches"] = "cls autre"
        var compared = 0
        for draft in [[:], answered] {
            let evaluation = flow.validator.evaluate(draft, today: Fixtures.today)
            let issues = draft.isEmpty ? [] : evaluation.issues
            let builder = QuestionViewBuilder(flow: flow, draft: draft, evaluation: evaluation, issues: issues, today: Fixtures.today, showAll: true)
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

    @Test func everyValueIsEscaped() {
        var question = QuestionView(name: "q", id: "q-q", inputId: "f-q", label: "<b>Q</b>", hint: "a & b", hintId: "aide-q", required: true,
                                    error: "\"faux\"", errorId: "erreur-q", describedBy: "aide-q erreur-q", conditional: false, filtered: false)
        question.isRadio = true
        question.options = [OptionView(id: "f-q-0", value: "x'y", label: "<script>alert(1)</script>", checked: true, attrs: "{\"a\":1}")]
        question.other = OtherView(name: "q_autre", id: "f-q_autre", value: "</div>", error: nil, errorId: "erreur-q_autre")
        let html = question.html
        #expect(!html.contains("<script>") && !html.contains("<b>") && !html.contains("value=\"</div>\""))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && html.contains("value=\"x&#39;y\"") && html.contains("data-attrs=\"{&quot;a&quot;:1}\""))
        #expect(html.contains("<legend>&lt;b&gt;Q&lt;/b&gt; <span class=\"obligatoire\">(obligatoire)</span></legend>"))
    }
}

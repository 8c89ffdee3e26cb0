import Mustache
import Testing

@testable import FabriqueWeb

/// The direct lookups given to the template engine answer for every property, as Mirror would.
struct FormViewsTests {
    static func sameAsMirror(_ value: some MustacheParent) -> [String] {
        Mirror(reflecting: value).children.compactMap { child in
            guard let label = child.label else { return nil }
            return flattened(value.child(named: label) as Any) == flattened(child.value) ? nil : label
        }
    }

    /// A value's description with every level of optional removed.
    static func flattened(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return String(describing: value) }
        return mirror.children.first.map { flattened($0.value) } ?? "nil"
    }

    @Test func everyPropertyOfTheFormViewsIsReachable() {
        let layout = LayoutView(
            pageTitle: "Titre", nav: NavView(userName: "u", roleLabel: "équipe", csrf: "c", canSeeResponses: true, canCode: false),
            scripts: ["/s.js"])
        let error = ErrorLink(href: "#f-q", label: "Q", message: "e")
        let review = ReviewPageView(
            layout: layout, surveyTitle: "S",
            sections: [
                ReviewSectionView(
                    title: "T", editURL: "/e",
                    answers: [ReviewAnswerView(label: "Q", value: "A")])
            ], errors: [], hasErrors: false, alert: "indisponible",
            action: "/a", backURL: "/b")
        let views: [any MustacheParent] = [layout, layout.nav!, error, review, review.sections[0], review.sections[0].answers[0]]
        for view in views {
            #expect(Self.sameAsMirror(view).isEmpty, "\(type(of: view)) misses \(Self.sameAsMirror(view))")
        }
    }

    @Test func theEscaperEscapesTheFiveCharactersAndKeepsTheRest() {
        #expect(HTMLEscaper.escape("Santé & « territoires »") == "Santé &amp; « territoires »")
        #expect(HTMLEscaper.escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        #expect(HTMLEscaper.escape("a=\"b\"") == "a=&quot;b&quot;")
        #expect(HTMLEscaper.escape("rien à échapper ✓") == "rien à échapper ✓")
        #expect(HTMLEscaper.escape("") == "")
    }
}

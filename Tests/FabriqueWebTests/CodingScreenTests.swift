import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import FabriqueWeb
import HummingbirdTesting
import Testing

/// The coding screen's fiche: rendered from its Markdown, raw HTML shown as text, and the saved
/// excerpts highlighted in `<mark>` elements with their criteria.
struct CodingScreenTests {
    static let fiche = "amiens-cafe-parents-centre-social"
    static let body = """
        ## Le contexte

        Le centre social
           accueille les parents.
        Texte <script>alert('en ligne')</script> en ligne.

        - un café des parents chaque mardi
        - une permanence de la PMI

        <script>alert('bloc')</script>

        Le financement vient de l’**atelier santé ville** & de la ville.
        """

    /// The harness with the fiche's body replaced by `body`.
    static func harness() async throws -> WebHarness {
        let harness = try await WebHarness.make()
        var experience = try #require(try harness.database.experiences().first { $0.slug == fiche })
        experience.body = body
        _ = try harness.database.saveExperiences([experience])
        return harness
    }

    @Test func theFicheIsRenderedFromItsMarkdownWithItsRawHTMLEscaped() async throws {
        let harness = try await Self.harness()
        try await harness.test { client in
            let researcher = try await Browser.login(client, name: "chercheuse")
            let screen = try await Browser.get(client, "/recherche/experiences/\(Self.fiche)/codage", cookies: researcher.cookies)
            #expect(screen.status == .ok)
            #expect(screen.text.contains("<h3>Le contexte</h3>"))
            #expect(screen.text.contains("<ul>\n<li>un café des parents chaque mardi</li>\n<li>une permanence de la PMI</li>\n</ul>"))
            #expect(screen.text.contains("<strong>atelier santé ville</strong> &amp; de la ville"))
            #expect(!screen.text.contains("<script>alert"))
            #expect(screen.text.contains("Texte &lt;script&gt;alert("))
            #expect(screen.text.contains("<p>&lt;script&gt;alert("))
            #expect(!screen.text.contains("<mark"))
        }
    }

    @Test func savedExcerptsAreHighlightedWithTheirCriteriaEvenWhenOverlapping() async throws {
        let harness = try await Self.harness()
        let criteria = try Fixtures.codebook().codebook.criteria
        let first = try #require(criteria.firstIndex { $0.code == "partenariats_intersectorialite" })
        let other = try #require(criteria.indices.first { $0 != first })
        try await harness.test { client in
            let researcher = try await Browser.login(client, name: "chercheuse")
            for (index, excerpts) in [
                (first, "un café des parents chaque mardi\natelier santé ville"), (other, "parents   chaque mardi\nsocial accueille les")
            ] {
                let saved = try await Browser.post(
                    client, "/recherche/experiences/\(Self.fiche)/codage/\(criteria[index].code)",
                    [("csrf", researcher.csrf), ("level", "1"), ("excerpts", excerpts), ("memo", "")], cookies: researcher.cookies)
                #expect(saved.status == .seeOther)
            }
            let screen = try await Browser.get(client, "/recherche/experiences/\(Self.fiche)/codage", cookies: researcher.cookies)
            let one = "title=\"Critère : \(HTMLText.escape(criteria[first].label))\""
            let alone = "title=\"Critère : \(HTMLText.escape(criteria[other].label))\""
            // Labels and classes in the codebook's order.
            let both = "title=\"Critères : " + [first, other].sorted().map { HTMLText.escape(criteria[$0].label) }.joined(separator: " ; ") + "\""
            let classes = [first, other].sorted().map { "extrait-\($0 % 6)" }.joined(separator: " ")
            // The overlap is cut into segments: the shared one carries both criteria.
            #expect(
                screen.text.contains(
                    "<li><mark class=\"extrait extrait-\(first % 6)\" \(one)>un café des </mark>"
                        + "<mark class=\"extrait \(classes) extrait-plusieurs\" \(both)>parents chaque mardi</mark></li>"))
            // Inside inline markup, without breaking it.
            #expect(screen.text.contains("<strong><mark class=\"extrait extrait-\(first % 6)\" \(one)>atelier santé ville</mark></strong>"))
            // Saved as the fiche's span ("social\n   accueille"), found in the rendered text, whose
            // continuation line has lost its indent, by Excerpt.locate's whitespace rule.
            #expect(screen.text.contains("<mark class=\"extrait extrait-\(other % 6)\" \(alone)>social\naccueille les</mark> parents."))
            #expect(screen.text.components(separatedBy: "<mark").count == 5)
        }
    }
}

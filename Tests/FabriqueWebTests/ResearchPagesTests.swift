import FabriqueCore
import FabriqueStore
import FabriqueWeb
import HummingbirdTesting
import Testing

/// The researchers' pages: accent-insensitive search, the coding screen, blind assignment, and
/// the disagreements list.
struct ResearchPagesTests {
    let fiche = "amiens-cafe-parents-centre-social"
    let quote = "L’atelier santé ville  a financé l’action dans le cadre de son appel à projets annuel."

    @Test func searchWithoutAccentsFindsTheFicheAndStaffMayReadButNotCode() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let researcher = try await Browser.login(client, name: "chercheuse")
            let page = try await Browser.get(client, "/recherche/experiences?q=sante+mentale", cookies: researcher.cookies)
            #expect(page.status == .ok)
            #expect(page.text.contains("/recherche/experiences/ardeche-reseau-veilleurs-sante-mentale-rural/codage"))
            #expect(!page.text.contains(fiche))
            let staff = try await Browser.login(client, name: "equipe")
            let read = try await Browser.get(client, "/recherche/experiences?q=sante+mentale", cookies: staff.cookies)
            #expect(read.status == .ok)
            #expect(read.text.contains("Un réseau de veilleurs") || read.text.contains("veilleurs"))
            #expect(!read.text.contains("/codage"))
            #expect(try await Browser.get(client, "/recherche/experiences/\(fiche)/codage", cookies: staff.cookies).status == .forbidden)
        }
    }

    @Test func aCriterionIsSavedWithItsExcerptAndABadQuoteIsShownBack() async throws {
        let harness = try await WebHarness.make()
        let database = harness.database
        try await harness.test { client in
            let researcher = try await Browser.login(client, name: "chercheuse")
            let screen = try await Browser.get(client, "/recherche/experiences/\(fiche)/codage", cookies: researcher.cookies)
            #expect(screen.status == .ok)
            #expect(screen.text.contains("Le centre social Les Coteaux"))
            let action = "/recherche/experiences/\(fiche)/codage/partenariats_intersectorialite"
            let bad = try await Browser.post(
                client, action, [("csrf", researcher.csrf), ("level", "2"), ("excerpts", "une phrase inventée"), ("memo", "à voir")],
                cookies: researcher.cookies)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("« une phrase inventée » ne figure pas mot pour mot dans la fiche"))
            #expect(bad.text.contains(">à voir</textarea>"))
            // A quote selected in the browser has its line breaks turned into spaces: still found.
            let saved = try await Browser.post(
                client, action, [("csrf", researcher.csrf), ("level", "1"), ("excerpts", quote), ("memo", "financement ASV")],
                cookies: researcher.cookies)
            #expect(saved.status == .seeOther)
            #expect(saved.location.hasSuffix("#critere-partenariats_intersectorialite"))
            let forged = try await Browser.post(client, action, [("level", "0")], cookies: researcher.cookies)
            #expect(forged.status == .forbidden)
        }
        let coding = try #require(try database.codings().first { $0.experience == fiche && $0.criterion == "partenariats_intersectorialite" })
        #expect(coding.coder == "chercheuse")
        #expect(coding.level == 1)
        #expect(coding.memo == "financement ASV")
        let body = try #require(try database.experiences().first { $0.slug == fiche }).body
        #expect(coding.excerpts.count == 1)
        #expect(coding.excerpts.allSatisfy { $0.matches(body) })
    }

    @Test func aFicheAssignedToOthersCannotBeCodedAndDisagreementsAreListed() async throws {
        let harness = try await WebHarness.make()
        let database = harness.database
        _ = try database.assign([fiche], to: ["chercheuse", "chercheur"])
        let codebook = try #require(try database.latestCodebook())
        // Both assigned coders finish every criterion; they disagree on one.
        for coder in ["chercheuse", "chercheur"] {
            let codings = codebook.criteria.map { criterion in
                Coding(
                    experience: fiche, criterion: criterion.code, coder: coder, codebookId: codebook.id, codebookVersion: codebook.version,
                    level: criterion.code == "participation_habitants" && coder == "chercheur" ? 0 : 2)
            }
            _ = try database.saveCodings(codings, actor: coder, at: "2026-11-20T10:00:00Z")
        }
        try await harness.test { client in
            let admin = try await Browser.login(client, name: "admin")
            #expect(try await Browser.get(client, "/recherche/experiences/\(fiche)/codage", cookies: admin.cookies).status == .forbidden)
            let list = try await Browser.get(client, "/recherche/desaccords", cookies: admin.cookies)
            #expect(list.status == .ok)
            #expect(list.text.contains("Participation des habitants"))
            #expect(list.text.contains("chercheuse"))
            #expect(list.text.contains("0 (absent)"))
            #expect(!list.text.contains("Démarche projet</h2>"))
        }
    }
}

import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import FabriqueWeb
import Foundation
import HummingbirdTesting
import Testing

/// RGPD in the web app: the privacy notice on the form's first page, closed surveys, the
/// administrator's erasure of a response, and the dashboard's purge counts.
struct PrivacyPagesTests {
    /// The harness's survey with a privacy notice (with markup to escape) and retention periods.
    static let yaml =
        WebHarness.surveyYAML + """

            privacy:
              controller: "CCOMS <script>alert('controle')</script>"
              purpose: Recherche en santé publique
              legal_basis: Mission d'intérêt public
              retention: Deux ans après la fin de l'enquête
              rights: Accès, rectification, effacement, opposition
              contact: dpo@example.fr
            retention:
              drafts: 90 days
              invitations: 180 days
            """

    /// A router over the harness's data, but with `yaml` as the survey.
    static func make() async throws -> WebHarness {
        let survey = try Fixtures.survey(yaml)
        let database = try AppDatabase.inMemory()
        _ = try database.loadSeeds(
            SeedBundle(
                referential: try Fixtures.referential(), codebook: nil, surveys: [.init(survey: survey, source: yaml)],
                experiences: []))
        _ = try database.saveContacts([Contact(email: "a@example.fr", name: "Alice Martin", regionCode: "44", approaches: ["CLS"])])
        try database.saveInvitations(
            surveyId: "essai", [NewInvitation(contactEmail: "a@example.fr", tokenSHA256: SecretToken.hash(WebHarness.personalToken))],
            at: "2020-01-01T08:00:00Z")
        try database.addUser(name: "admin", role: .admin, passwordHash: PasswordHasher.hash(WebHarness.password), at: "2026-11-01T08:00:00Z")
        return WebHarness(database: database, router: try await buildRouter(database: database, configuration: WebConfiguration()))
    }

    @Test func thePrivacyNoticeIsShownEscapedOnTheFirstPageOnly() async throws {
        let harness = try await Self.make()
        let base = "/r/\(WebHarness.personalToken)"
        try await harness.test { client in
            let first = try await Browser.get(client, "\(base)/page/0")
            #expect(first.status == .ok)
            #expect(first.text.contains("<section class=\"donnees-personnelles\" aria-labelledby=\"donnees-personnelles-titre\">"))
            #expect(first.text.contains("<h2 id=\"donnees-personnelles-titre\">Vos données personnelles</h2>"))
            #expect(
                first.text.contains("<dt>Base légale</dt><dd>Mission d&#39;intérêt public</dd>")
                    || first.text.contains("<dt>Base légale</dt><dd>Mission d&#x27;intérêt public</dd>"))
            #expect(first.text.contains("CCOMS &lt;script&gt;"))
            #expect(!first.text.contains("<script>alert('controle')"))
            #expect(first.text.contains("href=\"mailto:dpo@example.fr\""))
            _ = try await Browser.post(client, "\(base)/page/0", [("demarches", "clsm"), ("nb_partenaires", "3"), ("action", "suivant")])
            let second = try await Browser.get(client, "\(base)/page/1")
            #expect(second.status == .ok)
            #expect(!second.text.contains("Vos données personnelles"))
        }
    }

    @Test func aClosedSurveysLinksAnswerGoneAndRefuseDraftsUntilReopened() async throws {
        let harness = try await WebHarness.make()
        let base = "/r/\(WebHarness.personalToken)"
        _ = try harness.database.closeSurvey(id: "essai", at: "2026-12-01T08:00:00Z", unlink: false, actor: "admin")
        try await harness.test { client in
            for uri in [base, "\(base)/page/0", "\(base)/relecture", "/o/\(WebHarness.openToken)"] {
                let page = try await Browser.get(client, uri)
                #expect(page.status == .gone, "\(uri)")
                #expect(page.text.contains("<title>Enquête close"), "\(uri)")
                #expect(page.text.contains("La collecte des réponses à cette enquête est terminée"), "\(uri)")
            }
            let save = try await Browser.post(client, "\(base)/page/0", [("demarches", "cls"), ("nb_partenaires", "3"), ("action", "enregistrer")])
            #expect(save.status == .gone)
            let submit = try await Browser.post(client, "\(base)/envoi", [("demarches", "asv"), ("clsm_projet", "non"), ("nb_partenaires", "3")])
            #expect(submit.status == .gone)
            let start = try await Browser.post(client, "/o/\(WebHarness.openToken)", [])
            #expect(start.status == .gone)
        }
        #expect(try harness.database.invitation(tokenSHA256: SecretToken.hash(WebHarness.personalToken))?.draft.isEmpty == true)
        #expect(try harness.database.openLinkCounts(surveyId: "essai").started == 0)
        #expect(try harness.database.responseFingerprint(surveyId: "essai").count == 0)
        #expect(try harness.database.reopenSurvey(id: "essai"))
        try await harness.test { client in
            let reopened = try await Browser.get(client, base)
            #expect(reopened.status == .seeOther)
        }
    }

    @Test func anAdministratorErasesAResponseWithAReasonAfterConfirming() async throws {
        let harness = try await WebHarness.make()
        try await StaffPagesTests().seedResponse(harness)
        let database = harness.database
        let id = try #require(try database.responseSummaries(surveyId: "essai", where: [], regions: nil, limit: 1, offset: 0).rows.first).responseId
        let detail = "/gestion/enquetes/essai/reponses/\(id)"
        try await harness.test { client in
            let staff = try await Browser.login(client, name: "equipe")
            #expect(!(try await Browser.get(client, detail, cookies: staff.cookies)).text.contains("Effacer cette réponse (RGPD)"))
            #expect(try await Browser.get(client, "\(detail)/effacer", cookies: staff.cookies).status == .forbidden)
            #expect(
                try await Browser.post(client, "\(detail)/effacer", [("csrf", staff.csrf), ("motif", "x")], cookies: staff.cookies).status
                    == .forbidden)

            let admin = try await Browser.login(client, name: "admin")
            let page = try await Browser.get(client, detail, cookies: admin.cookies)
            #expect(page.text.contains("href=\"\(detail)/effacer\">Effacer cette réponse (RGPD)</a>"))
            let confirm = try await Browser.get(client, "\(detail)/effacer", cookies: admin.cookies)
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("Motif de l’effacement") && confirm.text.contains("la réponse et toutes ses valeurs"))
            let forged = try await Browser.post(client, "\(detail)/effacer", [("motif", "demande")], cookies: admin.cookies)
            #expect(forged.status == .forbidden)
            let empty = try await Browser.post(client, "\(detail)/effacer", [("csrf", admin.csrf), ("motif", "  ")], cookies: admin.cookies)
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Indiquez le motif de l’effacement."))
            #expect(try database.response(surveyId: "essai", responseId: id) != nil)

            let done = try await Browser.post(
                client, "\(detail)/effacer", [("csrf", admin.csrf), ("motif", "demande reçue le 02/12/2026")],
                cookies: admin.cookies)
            #expect(done.status == .ok)
            #expect(done.text.contains("a été effacée"))
            #expect(try await Browser.get(client, detail, cookies: admin.cookies).status == .notFound)
        }
        #expect(try database.response(surveyId: "essai", responseId: id) == nil)
        let log = try database.erasureLog()
        #expect(log.map(\.kind) == ["response"] && log.first?.actor == "admin" && log.first?.reason == "demande reçue le 02/12/2026")
    }

    @Test func theDashboardShowsWhatIsDueForPurge() async throws {
        let harness = try await Self.make()
        let invitation = try #require(try harness.database.invitation(tokenSHA256: SecretToken.hash(WebHarness.personalToken)))
        _ = try harness.database.saveDraft(invitationId: invitation.id, draft: ["commentaire": "ancien"], page: 0, at: "2020-02-01T08:00:00Z")
        try await harness.test { client in
            let admin = try await Browser.login(client, name: "admin")
            let page = try await Browser.get(client, "/gestion/enquetes/essai", cookies: admin.cookies)
            #expect(page.status == .ok)
            #expect(page.text.contains("Données personnelles (RGPD)"))
            #expect(page.text.contains("<li>Brouillons non envoyés (durée de conservation : 90 jours) : <strong>1</strong></li>"))
            #expect(page.text.contains("<li>Invitations non utilisées (durée de conservation : 180 jours) : <strong>1</strong></li>"))
        }
        // Showing the counts purged nothing.
        #expect(try harness.database.invitation(tokenSHA256: SecretToken.hash(WebHarness.personalToken))?.draft == ["commentaire": "ancien"])
    }
}

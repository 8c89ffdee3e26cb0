import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import FabriqueWeb
import HummingbirdTesting
import Testing

/// Staff login, roles, CSRF, the dashboard and the audited edit of a response.
struct StaffPagesTests {
    @Test(arguments: Engine.available) func staffPagesWithoutASessionSendToTheLogin(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            for uri in ["/gestion", "/gestion/enquetes/essai", "/gestion/enquetes/essai/reponses", "/gestion/enquetes/essai/non-repondants.csv"] {
                let response = try await Browser.get(client, uri)
                #expect(response.status == .seeOther)
                #expect(response.location.hasPrefix("/connexion?suite="))
            }
            let post = try await Browser.post(client, "/gestion/enquetes/essai/reponses/x/modifier", [("csrf", "x")])
            #expect(post.status == .seeOther)
            #expect(post.location.hasPrefix("/connexion"))
        }
    }

    @Test(arguments: Engine.available) func aResearcherCannotSeeResponsesAndAWrongPasswordIsRefused(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            let researcher = try await Browser.login(client, name: "chercheuse")
            #expect(researcher.cookies["fabrique_session"] != nil)
            let dashboard = try await Browser.get(client, "/gestion/enquetes/essai", cookies: researcher.cookies)
            #expect(dashboard.status == .forbidden)
            let csv = try await Browser.get(client, "/gestion/enquetes/essai/non-repondants.csv", cookies: researcher.cookies)
            #expect(csv.status == .forbidden)

            let form = try await Browser.get(client, "/connexion")
            let wrong = try await Browser.post(
                client, "/connexion",
                [
                    ("csrf", Browser.hidden("csrf", in: form.text)!), ("name", "admin"),
                    ("password", "pas-le-bon-mot")
                ], cookies: Browser.cookies(form))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Identifiant ou mot de passe incorrect."))
            #expect(Browser.cookies(wrong)["fabrique_session"] == nil)
        }
    }

    @Test(arguments: Engine.available) func theSessionCookieIsHttpOnlyAndLax(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            let form = try await Browser.get(client, "/connexion")
            let response = try await Browser.post(
                client, "/connexion",
                [
                    ("csrf", Browser.hidden("csrf", in: form.text)!), ("name", "equipe"),
                    ("password", WebHarness.password), ("next", "/gestion")
                ], cookies: Browser.cookies(form))
            #expect(response.status == .seeOther)
            let header = response.headers[values: .setCookie].first { $0.hasPrefix("fabrique_session=") } ?? ""
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Lax"))
            #expect(!header.contains("Secure"))
        }
    }

    @Test(arguments: Engine.available) func postsWithoutTheCSRFTokenAreRefused(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await seedResponse(harness)
        let database = harness.database
        let id = try #require(try database.responseSummaries(surveyId: "essai", where: [], regions: nil, limit: 1, offset: 0).rows.first).responseId
        try await harness.test { client in
            // The login form needs its own token too.
            let noToken = try await Browser.post(client, "/connexion", [("name", "admin"), ("password", WebHarness.password)])
            #expect(noToken.status == .forbidden)
            let staff = try await Browser.login(client, name: "equipe")
            let uri = "/gestion/enquetes/essai/reponses/\(id)/modifier"
            let forged = try await Browser.post(client, uri, [("nb_partenaires", "99")], cookies: staff.cookies)
            #expect(forged.status == .forbidden)
            let wrong = try await Browser.post(client, uri, [("csrf", "faux-jeton-0123456789"), ("nb_partenaires", "99")], cookies: staff.cookies)
            #expect(wrong.status == .forbidden)
            #expect(try database.response(surveyId: "essai", responseId: id)?.values["nb_partenaires"] == "12")
            let logout = try await Browser.post(client, "/deconnexion", [], cookies: staff.cookies)
            #expect(logout.status == .forbidden)
        }
    }

    @Test(arguments: Engine.available) func anEditIsValidatedAndWrittenToTheAuditLog(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await seedResponse(harness)
        let id = try #require(try harness.database.responseSummaries(surveyId: "essai", where: [], regions: nil, limit: 1, offset: 0).rows.first)
            .responseId
        try await harness.test { client in
            let staff = try await Browser.login(client, name: "equipe")
            let uri = "/gestion/enquetes/essai/reponses/\(id)/modifier"
            let form = try await Browser.get(client, uri, cookies: staff.cookies)
            #expect(form.status == .ok)
            #expect(form.text.contains("value=\"12\""))
            let invalid = try await Browser.post(client, uri, [("csrf", staff.csrf), ("nb_partenaires", "-3")], cookies: staff.cookies)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("Le nombre ne peut pas être négatif."))
            let saved = try await Browser.post(client, uri, [("csrf", staff.csrf), ("nb_partenaires", "15")], cookies: staff.cookies)
            #expect(saved.status == .seeOther)
            let detail = try await Browser.get(client, saved.location, cookies: staff.cookies)
            #expect(detail.text.contains("Historique des modifications"))
            #expect(detail.text.contains("equipe"))
        }
        let edits = try harness.database.responseEdits(surveyId: "essai", responseId: id)
        #expect(edits.count == 1)
        #expect(edits.first?.actor == "equipe")
        #expect(edits.first?.before["nb_partenaires"] == "12")
        #expect(edits.first?.after["nb_partenaires"] == "15")
        #expect(edits.first?.after["demarches"] == "cls clsm")
    }

    @Test(arguments: Engine.available) func theDashboardCountsByRegionAndApproachAndListsNonRespondents(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await seedResponse(harness)
        try await harness.test { client in
            // Bruno (Île-de-France, ASV) starts a draft and stops.
            _ = try await Browser.post(client, "/r/\(WebHarness.secondToken)/page/0", [("nb_partenaires", "2"), ("action", "enregistrer")])
            let staff = try await Browser.login(client, name: "admin")
            let page = try await Browser.get(client, "/gestion/enquetes/essai", cookies: staff.cookies)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("Grand Est"))
            #expect(html.contains("Île-de-France"))
            #expect(html.contains("100,0\u{202F}%"))
            #expect(html.contains("50,0\u{202F}%"))
            let csv = try await Browser.get(client, "/gestion/enquetes/essai/non-repondants.csv", cookies: staff.cookies)
            #expect(csv.status == .ok)
            let lines = String(csv.text.drop { $0 == "\u{FEFF}" }).split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix("nom;email;"))
            #expect(lines[1].hasPrefix("Bruno Petit;b@example.fr;"))
        }
    }

    /// Alice answers through her link: CLS and CLSM, 12 partners.
    func seedResponse(_ harness: WebHarness) async throws {
        try await harness.test { client in
            let base = "/r/\(WebHarness.personalToken)"
            _ = try await Browser.post(
                client, "\(base)/page/0", [("demarches", "cls"), ("demarches", "clsm"), ("nb_partenaires", "12"), ("action", "suivant")])
            _ = try await Browser.post(client, "\(base)/page/1", [("clsm_actions", "Forum"), ("action", "suivant")])
            let done = try await Browser.post(client, "\(base)/envoi", [])
            #expect(done.location.hasPrefix("/recu/"))
        }
    }
}

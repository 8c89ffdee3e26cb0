import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import FabriqueWeb
import HummingbirdTesting
import Testing

/// The respondent's form through an invitation link, as a browser without JavaScript drives it.
struct RespondentFormTests {
    let base = "/r/\(WebHarness.personalToken)"

    @Test(arguments: Engine.available) func aCompleteResponseIsStoredOnceAndTheLinkThenLooksUnknown(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            let start = try await Browser.get(client, base)
            #expect(start.status == .seeOther)
            #expect(start.location == "\(base)/page/0")
            let first = try await Browser.get(client, "\(base)/page/0")
            #expect(first.status == .ok)
            #expect(first.text.contains("Étape 1 sur 2"))
            // CLSM chosen: the "CLSM en projet" question does not apply, the santé mentale page does.
            let next = try await Browser.post(
                client, "\(base)/page/0",
                [
                    ("demarches", ""), ("demarches", "cls"), ("demarches", "clsm"),
                    ("nb_partenaires", "12"), ("commentaire", "Très bien"), ("action", "suivant")
                ])
            #expect(next.status == .seeOther)
            #expect(next.location == "\(base)/page/1")
            let second = try await Browser.post(client, "\(base)/page/1", [("clsm_actions", "Semaine d'information"), ("action", "suivant")])
            #expect(second.location == "\(base)/relecture")
            let review = try await Browser.get(client, "\(base)/relecture")
            #expect(review.text.contains("Semaine d&#39;information") || review.text.contains("Semaine d&#x27;information"))
            let submitted = try await Browser.post(client, "\(base)/envoi", [])
            #expect(submitted.status == .seeOther)
            #expect(submitted.location.hasPrefix("/recu/"))
            let receipt = try await Browser.get(client, submitted.location)
            #expect(receipt.status == .ok)
            #expect(receipt.text.contains("Numéro de reçu"))

            // One link, one response: the used link and an unknown one give the same page.
            let again = try await Browser.post(client, "\(base)/envoi", [])
            let unknown = try await Browser.get(client, "/r/jeton-inconnu-0123456789abcdef")
            let used = try await Browser.get(client, base)
            #expect(again.status == .notFound)
            #expect(used.status == .notFound)
            #expect(unknown.status == .notFound)
            #expect(used.text == unknown.text)
        }
        var stored: [StoredResponse] = []
        try harness.database.forEachResponse(surveyId: "essai") { stored.append($0) }
        #expect(stored.count == 1)
        #expect(stored.first?.origin == "web")
        #expect(stored.first?.values["demarches"] == "cls clsm")
        #expect(stored.first?.values["nb_partenaires"] == "12")
        #expect(stored.first?.values["clsm_actions"] == "Semaine d'information")
        #expect(stored.first?.values["clsm_projet"] == nil)
    }

    @Test(arguments: Engine.available) func simultaneousSubmissionsThroughOneLinkStoreOneResponse(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        let answers = [("demarches", "asv"), ("clsm_projet", "non"), ("nb_partenaires", "3")]
        try await harness.test { client in
            // Both links at once, each sent ten times in parallel (a double click, a retry): the
            // batched writer commits them together, and only the first of each link counts.
            let statuses = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for token in [WebHarness.personalToken, WebHarness.secondToken] {
                    for _ in 0..<10 {
                        group.addTask { (token, Int(try await Browser.post(client, "/r/\(token)/envoi", answers).status.code)) }
                    }
                }
                return try await group.reduce(into: [String: [Int]]()) { $0[$1.0, default: []].append($1.1) }
            }
            for token in [WebHarness.personalToken, WebHarness.secondToken] {
                #expect(statuses[token]?.filter { $0 == 303 }.count == 1)
                #expect(statuses[token]?.filter { $0 == 404 }.count == 9)
            }
        }
        var stored: [StoredResponse] = []
        try harness.database.forEachResponse(surveyId: "essai") { stored.append($0) }
        #expect(stored.count == 2)
        #expect(stored.allSatisfy { $0.values["nb_partenaires"] == "3" && $0.values["demarches"] == "asv" })
    }

    @Test(arguments: Engine.available) func errorsAreListedInFrenchLinkedToTheirFieldsAndWhatWasTypedStays(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            let response = try await Browser.post(
                client, "\(base)/page/0",
                [
                    ("demarches", ""), ("demarches", "clsm"), ("nb_partenaires", "douze"),
                    ("commentaire", "à revoir"), ("action", "suivant")
                ])
            #expect(response.status == .unprocessableContent)
            let html = response.text
            #expect(html.contains("« douze » n&#39;est pas un nombre entier") || html.contains("« douze » n&#x27;est pas un nombre entier"))
            #expect(html.contains("href=\"#f-nb_partenaires\""))
            #expect(html.contains("value=\"douze\""))
            #expect(html.contains("aria-describedby=\"erreur-nb_partenaires\""))
            #expect(html.contains("value=\"à revoir\""))
            // The ticked box stays ticked.
            #expect(html.range(of: #"value="clsm" checked"#) != nil)
        }
        // Nothing is lost: the draft kept what was typed, even the wrong number.
        let invitation = try harness.database.invitation(tokenSHA256: SecretToken.hash(WebHarness.personalToken))
        #expect(invitation?.draft["nb_partenaires"] == "douze")
        #expect(invitation?.submittedAt == nil)
    }

    @Test(arguments: Engine.available) func anAnswerPastASoftLimitIsShownOnceThenKeptWhenSentAgain(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            let answers = [("demarches", ""), ("demarches", "cls"), ("clsm_projet", "non"), ("nb_partenaires", "800"), ("action", "suivant")]
            let warned = try await Browser.post(client, "\(base)/page/0", answers)
            #expect(warned.status == .ok)
            #expect(warned.text.contains("Vérifiez ces réponses"))
            #expect(warned.text.contains("Plus de 500 partenaires : vérifiez ce nombre."))
            #expect(warned.text.contains("href=\"#f-nb_partenaires\""))
            #expect(warned.text.contains("<input type=\"hidden\" name=\"_verifie\" value=\"nb_partenaires=800\">"))
            #expect(!warned.text.contains("Il y a un problème"))
            // Another unusual value is warned about again; the same value, confirmed, goes through.
            let changed = try await Browser.post(
                client, "\(base)/page/0",
                [("_verifie", "nb_partenaires=800")] + answers.map { $0 == ("nb_partenaires", "800") ? ("nb_partenaires", "900") : $0 })
            #expect(changed.status == .ok)
            #expect(changed.text.contains("value=\"nb_partenaires=900\""))
            let confirmed = try await Browser.post(
                client, "\(base)/page/0",
                [("_verifie", "nb_partenaires=900")] + answers.map { $0 == ("nb_partenaires", "800") ? ("nb_partenaires", "900") : $0 })
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.location == "\(base)/relecture")
            // A usual value is never warned about.
            let usual = try await Browser.post(
                client, "\(base)/page/0", answers.map { $0 == ("nb_partenaires", "800") ? ("nb_partenaires", "40") : $0 })
            #expect(usual.status == .seeOther)
            // The soft limit never blocks the submission.
            _ = try await Browser.post(client, "\(base)/page/0", [("nb_partenaires", "900"), ("action", "enregistrer")])
            let submitted = try await Browser.post(client, "\(base)/envoi", [])
            #expect(submitted.status == .seeOther)
        }
        var stored: [StoredResponse] = []
        try harness.database.forEachResponse(surveyId: "essai") { stored.append($0) }
        #expect(stored.map { $0.values["nb_partenaires"] } == ["900"])
    }

    @Test(arguments: Engine.available) func skipLogicWithoutJavaScriptIsDecidedOnTheServer(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            // Without CLSM, "CLSM en projet" (same page) becomes required: the page comes back asking for it.
            let missing = try await Browser.post(
                client, "\(base)/page/0", [("demarches", ""), ("demarches", "cls"), ("nb_partenaires", "3"), ("action", "suivant")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("href=\"#f-clsm_projet-0\""))
            // Answered: the santé mentale page does not apply, so the form goes straight to the review.
            let done = try await Browser.post(client, "\(base)/page/0", [("clsm_projet", ""), ("clsm_projet", "oui"), ("action", "suivant")])
            #expect(done.location == "\(base)/relecture")
            let skipped = try await Browser.get(client, "\(base)/page/1")
            #expect(skipped.status == .seeOther)
            #expect(skipped.location == "\(base)/relecture")
            let review = try await Browser.get(client, "\(base)/relecture")
            #expect(!review.text.contains("Santé mentale"))
        }
    }

    @Test(arguments: Engine.available) func withJavaScriptThePageCarriesTheRulesCoreEmitted(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            let page = try await Browser.get(client, "\(base)/page/0")
            // The same-page condition is marked for the browser, and the rules script is linked.
            #expect(page.text.contains(#"id="q-clsm_projet" data-question="clsm_projet" data-relevant"#))
            #expect(page.text.contains(#"<script src="/regles/essai/1.js" defer></script>"#))
            let script = try await Browser.get(client, "/regles/essai/1.js")
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            let survey = try Fixtures.survey(WebHarness.surveyYAML)
            let expected = ExpressionJavaScript.function(survey.question(named: "clsm_projet")!.relevant!.expression)
            #expect(script.text.contains(expected))
            #expect(script.text.contains("var FabriqueExpr"))
        }
    }

    @Test(arguments: Engine.available) func aDraftIsResumedFromTheSameLink(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            let saved = try await Browser.post(
                client, "\(base)/page/0", [("demarches", ""), ("demarches", "clsm"), ("nb_partenaires", "7"), ("action", "enregistrer")])
            #expect(saved.location == "\(base)/page/0?enregistre=1")
            let notice = try await Browser.get(client, saved.location)
            #expect(notice.text.contains("Vos réponses sont enregistrées"))
            // Later, from the same link: back on the page, with the answers.
            let resumed = try await Browser.get(client, base)
            #expect(resumed.location == "\(base)/page/0")
            let page = try await Browser.get(client, resumed.location)
            #expect(page.text.contains("value=\"7\""))
            _ = try await Browser.post(client, "\(base)/page/0", [("action", "suivant")])
            let later = try await Browser.get(client, base)
            #expect(later.location == "\(base)/page/1")
        }
    }

    @Test(arguments: Engine.available) func scriptInLabelsAndAnswersIsEscaped(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            _ = try await Browser.post(
                client, "\(base)/page/0",
                [
                    ("demarches", ""), ("demarches", "asv"), ("clsm_projet", "non"), ("nb_partenaires", "1"),
                    ("commentaire", "<script>alert('réponse')</script>"), ("action", "suivant")
                ])
            let page = try await Browser.get(client, "\(base)/page/0")
            let review = try await Browser.get(client, "\(base)/relecture")
            for html in [page.text, review.text] {
                #expect(!html.contains("<script>alert"))
                #expect(html.contains("&lt;script&gt;alert("))
            }
        }
    }

    @Test(arguments: Engine.available) func bodiesOverOneMebibyteAreRefused(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            let response = try await Browser.post(client, "\(base)/page/0", [("commentaire", String(repeating: "a", count: 1_100_000))])
            #expect(response.status == .contentTooLarge)
        }
        let invitation = try harness.database.invitation(tokenSHA256: SecretToken.hash(WebHarness.personalToken))
        #expect(invitation?.draft.isEmpty == true)
    }

    @Test(arguments: Engine.available) func everyResponseCarriesTheSecurityHeaders(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine)
        try await harness.test { client in
            for uri in ["/", "\(base)/page/0", "/r/inconnu-0123456789abcdef", "/connexion"] {
                let response = try await Browser.get(client, uri)
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(policy.contains("script-src 'self'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test(arguments: Engine.available) func theOpenLinkStartsAnonymousRespondentsWithinALimitPerAddress(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine, configuration: WebConfiguration(openStartsPerWindow: 2))
        try await harness.test { client in
            let landing = try await Browser.get(client, "/o/\(WebHarness.openToken)")
            #expect(landing.status == .ok)
            let first = try await Browser.startOpenLink(client)
            #expect(first.status == .seeOther)
            #expect(first.location.hasPrefix("/r/"))
            let page = try await Browser.get(client, first.location)
            #expect(page.location.hasSuffix("/page/0"))
            _ = try await Browser.startOpenLink(client)
            let third = try await Browser.startOpenLink(client)
            #expect(third.status == .tooManyRequests)
            let unknown = try await Browser.get(client, "/o/lien-inconnu-0123456789abcdef")
            #expect(unknown.status == .notFound)
        }
        #expect(try harness.database.openLinkCounts(surveyId: "essai").started == 2)
    }
}

extension RespondentFormTests {
    /// Behind a trusted reverse proxy, the open link's limit counts each client named by
    /// `X-Forwarded-For`, not the proxy; from an untrusted peer the header changes nothing.
    @Test(arguments: Engine.available) func behindATrustedProxyTheLimitCountsEachForwardedClient(engine: Engine) async throws {
        // The test transport has no peer address: the app sees "inconnue", trusted here as the proxy.
        let harness = try await WebHarness.make(
            engine: engine, configuration: WebConfiguration(openStartsPerWindow: 1, trustedProxies: ["inconnue", "10.0.0.2"]))
        try await harness.test { client in
            let response1 = try await Browser.startOpenLink(client, forwardedFor: "203.0.113.5")
            #expect(response1.status == .seeOther)
            let response2 = try await Browser.startOpenLink(client, forwardedFor: "203.0.113.5")
            #expect(response2.status == .tooManyRequests)
            // A client that writes its own header cannot pass for another: the proxy appends the real address last.
            let response3 = try await Browser.startOpenLink(client, forwardedFor: "198.51.100.1, 203.0.113.5")
            #expect(response3.status == .tooManyRequests)
            let response4 = try await Browser.startOpenLink(client, forwardedFor: "203.0.113.6")
            #expect(response4.status == .seeOther)
            // Through a second trusted proxy, the same client is still recognised.
            let response5 = try await Browser.startOpenLink(client, forwardedFor: "203.0.113.6, 10.0.0.2")
            #expect(response5.status == .tooManyRequests)
        }
        let untrusted = try await WebHarness.make(engine: engine, configuration: WebConfiguration(openStartsPerWindow: 1))
        try await untrusted.test { client in
            let response5 = try await Browser.startOpenLink(client, forwardedFor: "203.0.113.5")
            #expect(response5.status == .seeOther)
            let response6 = try await Browser.startOpenLink(client, forwardedFor: "203.0.113.6")
            #expect(response6.status == .tooManyRequests)
        }
    }
}

extension RespondentFormTests {
    /// A version loaded while the server runs (`fabrique init`) is served without a restart,
    /// once the server reads the current version again.
    @Test(arguments: Engine.available) func aNewSurveyVersionIsServedWithoutARestart(engine: Engine) async throws {
        let harness = try await WebHarness.make(engine: engine, configuration: WebConfiguration(surveyCheckInterval: 0))
        let database = harness.database
        try await harness.test { client in
            let opened = try await Browser.get(client, "/r/\(WebHarness.personalToken)")
            let page = opened.location.isEmpty ? "/r/\(WebHarness.personalToken)" : opened.location
            let before = try await Browser.get(client, page)
            #expect(before.status == .ok)
            #expect(!String(buffer: before.body).contains("deuxième version"))
            let yaml = WebHarness.surveyYAML.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
                .replacingOccurrences(
                    of: "title: Enquête d'essai <script>alert('titre')</script>", with: "title: Enquête d'essai, deuxième version")
            _ = try database.loadSeeds(
                SeedBundle(
                    referential: Referential(regions: [], departements: [], themes: []), codebook: nil,
                    surveys: [.init(survey: try Fixtures.survey(yaml), source: yaml)], experiences: []))
            let after = try await Browser.get(client, page)
            #expect(after.status == .ok)
            #expect(String(buffer: after.body).contains("deuxième version"))
        }
    }
}

import FabriqueCore
import FabriqueStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FabriqueWeb

/// Logins and sessions as an attacker tries them: planted tokens, long passwords, look-alike
/// names, guessing, stale sessions, and cross-site starts of the open link.
struct AccountSecurityTests {
    static func loginForm(_ client: any TestClientProtocol) async throws -> (csrf: String, cookies: [String: String]) {
        let form = try await Browser.get(client, "/connexion")
        return (Browser.hidden("csrf", in: form.text)!, Browser.cookies(form))
    }

    static func login(
        _ client: any TestClientProtocol, name: String, password: String = WebHarness.password,
        cookies extra: [String: String] = [:], from address: String? = nil
    ) async throws -> TestResponse {
        let form = try await loginForm(client)
        return try await Browser.post(
            client, "/connexion", [("csrf", form.csrf), ("name", name), ("password", password), ("next", "/gestion")],
            cookies: extra.filter { !$0.value.isEmpty }.merging(form.cookies) { $1 }, forwardedFor: address)
    }

    @Test func aLoginTokenMadeUpByAnotherSiteIsRefused() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            for planted in ["jeton-plante-par-un-sous-domaine", "AAAAAAAAAAAAAAAAAAAAAA.1800000000.AAAA"] {
                let response = try await Browser.post(
                    client, "/connexion", [("csrf", planted), ("name", "admin"), ("password", WebHarness.password)],
                    cookies: [AuthController.csrfCookie: planted])
                #expect(response.status == .forbidden)
                #expect(Browser.cookies(response)["fabrique_session"] == nil)
            }
        }
    }

    @Test func aCrossSiteLoginPostIsRefusedEvenWithAValidToken() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let form = try await Self.loginForm(client)
            var headers = Browser.formHeaders
            headers[.cookie] = form.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            headers[.origin] = "https://evil.example"
            let response = try await client.execute(
                uri: "/connexion", method: .post, headers: headers,
                body: Browser.encode([("csrf", form.csrf), ("name", "admin"), ("password", WebHarness.password)]))
            #expect(response.status == .forbidden)
        }
    }

    @Test func signedTokensVerifyOnlyForTheirPurposeAndAge() {
        let signer = SignedToken(secret: "secret")
        let token = signer.issue(purpose: "login", now: 1_000_000)
        #expect(signer.verify(token, purpose: "login", maxAge: 60, now: 1_000_030))
        #expect(!signer.verify(token, purpose: "open-link x", maxAge: 60, now: 1_000_030))
        #expect(!signer.verify(token, purpose: "login", maxAge: 60, now: 1_000_100))
        #expect(!SignedToken(secret: "other").verify(token, purpose: "login", maxAge: 60, now: 1_000_030))
        #expect(!signer.verify(token + "x", purpose: "login", maxAge: 60, now: 1_000_030))
    }

    @Test func passwordsThatBcryptWouldTruncateNeverLogIn() async throws {
        let harness = try await WebHarness.make()
        let long = String(repeating: "a", count: 72) + "-vraie-fin"
        // As an account made before the limit existed would have it.
        _ = try harness.database.setPassword(name: "equipe", passwordHash: PasswordHasher.hash(long), role: nil)
        try await harness.test { client in
            let lookalike = try await Self.login(client, name: "equipe", password: String(repeating: "a", count: 72) + "-autre-fin")
            #expect(lookalike.status == .unauthorized)
            let same = try await Self.login(client, name: "equipe", password: long)
            #expect(same.status == .unauthorized)
        }
        #expect(PasswordHasher.problem(with: String(repeating: "é", count: 37)) != nil)
        #expect(PasswordHasher.problem(with: String(repeating: "é", count: 36)) == nil)
        #expect(PasswordHasher.problem(with: "court") != nil)
    }

    @Test func namesAreComparedTrimmedAndLowerCased() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let response = try await Self.login(client, name: "  Equipe ")
            #expect(response.status == .seeOther)
            #expect(Browser.cookies(response)["fabrique_session"]?.isEmpty == false)
        }
        #expect(UserName.normalised(" Léa ") == nil)
        #expect(UserName.normalised(" Lea.Martin@ARS ") == "lea.martin@ars")
        #expect(UserName.normalised("") == nil)
        #expect(UserName.normalised(String(repeating: "a", count: 65)) == nil)
        let database = harness.database
        #expect(throws: StoreError.userExists("EQUIPE")) {
            try database.addUser(name: "EQUIPE", role: .staff, passwordHash: "x", at: "2026-12-01T00:00:00Z")
        }
    }

    @Test func failuresOnOneAccountDoNotLockAnotherOutFromTheSameAddress() async throws {
        let harness = try await WebHarness.make(configuration: WebConfiguration(loginsPerWindow: 3))
        try await harness.test { client in
            for _ in 0..<3 {
                do {
                    let answer = try await Self.login(client, name: "admin", password: "pas-le-bon-mot")
                    #expect(answer.status == .unauthorized)
                }
            }
            // The limited pair is refused even with the right password…
            do {
                let answer = try await Self.login(client, name: "admin")
                #expect(answer.status == .tooManyRequests)
            }
            // …but another account's right password goes through from the same address.
            do {
                let answer = try await Self.login(client, name: "equipe")
                #expect(answer.status == .seeOther)
            }
            // Successes do not count: the same account logs in again and again.
            for _ in 0..<4 {
                do {
                    let answer = try await Self.login(client, name: "equipe")
                    #expect(answer.status == .seeOther)
                }
            }
        }
    }

    @Test func guessesFromManyAddressesDoNotLockTheHolderOut() async throws {
        // The test transport's peer ("inconnue") is trusted as a proxy: X-Forwarded-For names each client.
        let harness = try await WebHarness.make(configuration: WebConfiguration(loginsPerWindow: 2, trustedProxies: ["inconnue"]))
        try await harness.test { client in
            // 5 addresses × 2 failures: the account's limit (5 × 2) is reached.
            for host in 1...5 {
                for _ in 0..<2 {
                    do {
                        let answer = try await Self.login(client, name: "admin", password: "devine", from: "203.0.113.\(host)")
                        #expect(answer.status == .unauthorized)
                    }
                }
            }
            // An address that already failed on the account gets no more tries, even the right one…
            do {
                let answer = try await Self.login(client, name: "admin", from: "203.0.113.1")
                #expect(answer.status == .tooManyRequests)
            }
            // …but the holder, from an address without failures, logs in.
            do {
                let answer = try await Self.login(client, name: "admin", from: "198.51.100.7")
                #expect(answer.status == .seeOther)
            }
            // A new address gets one guess, not more.
            do {
                let answer = try await Self.login(client, name: "admin", password: "devine", from: "203.0.113.9")
                #expect(answer.status == .unauthorized)
            }
            do {
                let answer = try await Self.login(client, name: "admin", password: "devine", from: "203.0.113.9")
                #expect(answer.status == .tooManyRequests)
            }
        }
    }

    @Test func loggingInAgainEndsTheBrowsersPreviousSession() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let first = Browser.cookies(try await Self.login(client, name: "equipe"))
            let second = Browser.cookies(try await Self.login(client, name: "equipe", cookies: first))
            #expect(first["fabrique_session"] != second["fabrique_session"])
            do {
                let answer = try await Browser.get(client, "/gestion/sessions", cookies: first)
                #expect(answer.status == .seeOther)
            }
            do {
                let answer = try await Browser.get(client, "/gestion/sessions", cookies: second)
                #expect(answer.status == .ok)
            }
        }
    }

    @Test func anAccountSeesAndEndsItsOtherSessions() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let phone = try await Browser.login(client, name: "equipe")
            let office = try await Browser.login(client, name: "equipe")
            _ = try await Browser.login(client, name: "admin")
            let admin = try await Browser.login(client, name: "admin")
            let page = try await Browser.get(client, "/gestion/sessions", cookies: office.cookies)
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<tr>").count - 2 == 2, "a header row and two sessions")
            #expect(page.text.contains("(cette session)"))
            let forged = try await Browser.post(client, "/gestion/sessions/autres/terminer", [], cookies: office.cookies)
            #expect(forged.status == .forbidden)
            let ended = try await Browser.post(client, "/gestion/sessions/autres/terminer", [("csrf", office.csrf)], cookies: office.cookies)
            #expect(ended.location == "/gestion/sessions?terminees=1")
            do {
                let answer = try await Browser.get(client, "/gestion/sessions", cookies: phone.cookies)
                #expect(answer.status == .seeOther)
            }
            do {
                let answer = try await Browser.get(client, "/gestion/sessions", cookies: office.cookies)
                #expect(answer.status == .ok)
            }
            // Another account's session cannot be ended by its row number.
            let adminPage = try await Browser.get(client, "/gestion/sessions", cookies: admin.cookies).text
            let adminSession = try #require(
                adminPage.range(of: #"/gestion/sessions/\d+/terminer"#, options: .regularExpression).map { String(adminPage[$0]) })
            let other = try await Browser.post(client, adminSession, [("csrf", office.csrf)], cookies: office.cookies)
            #expect(other.status == .notFound)
            do {
                let answer = try await Browser.post(client, adminSession, [("csrf", admin.csrf)], cookies: admin.cookies)
                #expect(answer.status == .seeOther)
            }
        }
    }

    @Test func aDisabledAccountCannotLogInAndLosesItsSessions() async throws {
        let harness = try await WebHarness.make()
        let database = harness.database
        try await harness.test { client in
            let staff = try await Browser.login(client, name: "equipe")
            #expect(try database.setDisabled(name: "equipe", at: "2026-12-01T00:00:00Z"))
            do {
                let answer = try await Browser.get(client, "/gestion", cookies: staff.cookies)
                #expect(answer.status == .seeOther)
            }
            do {
                let answer = try await Self.login(client, name: "equipe")
                #expect(answer.status == .unauthorized)
            }
            #expect(try database.setDisabled(name: "equipe", at: nil))
            do {
                let answer = try await Self.login(client, name: "equipe")
                #expect(answer.status == .seeOther)
            }
        }
    }

    @Test func anotherSiteCannotStartTheOpenLink() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let path = "/o/\(WebHarness.openToken)"
            do {
                let answer = try await Browser.post(client, path, [])
                #expect(answer.status == .forbidden)
            }
            do {
                let answer = try await Browser.post(client, path, [("jeton", "AAAAAAAAAAAAAAAAAAAAAA.1800000000.AAAA")])
                #expect(answer.status == .forbidden)
            }
            let landing = try await Browser.get(client, path)
            var headers = Browser.formHeaders
            headers[.origin] = "https://evil.example"
            let crossSite = try await client.execute(
                uri: path, method: .post, headers: headers,
                body: Browser.encode([("jeton", Browser.hidden("jeton", in: landing.text)!)]))
            #expect(crossSite.status == .forbidden)
        }
        #expect(try harness.database.openLinkCounts(surveyId: "essai").started == 0)
    }

    @Test func invisibleCharactersAndMisspacedNumbersGetFrenchMessages() async throws {
        let harness = try await WebHarness.make()
        let database = harness.database
        try await harness.test { client in
            let page = "/r/\(WebHarness.personalToken)/page/0"
            let response = try await Browser.post(
                client, page,
                [
                    ("demarches", "cls"), ("nb_partenaires", "1 2"),
                    ("commentaire", "texte\u{202E}cach\u{0}é"), ("action", "suivant")
                ])
            #expect(response.status == .unprocessableContent)
            #expect(
                response.text.contains("« 1 2 » n&#39;est pas un nombre entier")
                    || response.text.contains("« 1 2 » n'est pas un nombre entier"))
            #expect(response.text.contains("caractère invisible non autorisé (U+202E)"))
            // The draft saved with the refusal keeps no such character.
            let draft = try #require(try database.invitation(tokenSHA256: SecretToken.hash(WebHarness.personalToken))).draft
            #expect(draft["commentaire"] == "textecaché")
            let huge = try await Browser.post(client, page, [("demarches", "cls"), ("nb_partenaires", "9223372036854775807"), ("action", "suivant")])
            #expect(huge.text.contains("est trop grand"))
        }
    }
}

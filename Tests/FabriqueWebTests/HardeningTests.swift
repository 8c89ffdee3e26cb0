import FabriqueCore
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FabriqueStore
@testable import FabriqueWeb

/// Requests that once ended the process, left the site, or got a blank 500: each now gets a
/// French page with the security headers, and the server keeps serving.
struct HardeningTests {
    /// The headers `SecurityHeaders` puts on every answer.
    static func expectSecurityHeaders(_ response: TestResponse, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, sourceLocation: sourceLocation)
        #expect(response.headers[.xContentTypeOptions] == "nosniff", sourceLocation: sourceLocation)
        #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", sourceLocation: sourceLocation)
    }

    @Test func aHugePageNumberNeitherCrashesNorGoesPastTheLastPage() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let staff = try await Browser.login(client, name: "equipe")
            for page in ["9223372036854775807", "99999999999999999999", "-9223372036854775808", "abc", "0", "1000000"] {
                let response = try await Browser.get(client, "/gestion/enquetes/essai/reponses?page=\(page)", cookies: staff.cookies)
                #expect(response.status == .seeOther || response.status == .ok, "page=\(page)")
                if response.status == .seeOther { #expect(response.location.hasSuffix("&page=1"), "page=\(page)") }
            }
            let first = try await Browser.get(client, "/gestion/enquetes/essai/reponses?page=1", cookies: staff.cookies)
            #expect(first.status == .ok)
            #expect(first.text.contains("Aucune réponse."))
        }
    }

    @Test func pageNumbersStayInRange() {
        #expect(PageNumber(query: "9223372036854775807").value == PageNumber.limit)
        #expect(PageNumber(query: "0000003").value == 3)
        #expect(PageNumber(query: "-2").value == 1)
        #expect(PageNumber(query: nil).value == 1)
        #expect(PageNumber(query: "7").clamped(total: 120, pageSize: 50).value == 3)
        #expect(PageNumber(query: "2").clamped(total: 0, pageSize: 50).value == 1)
        #expect(PageNumber(query: "9223372036854775807").offset(pageSize: 50) == (PageNumber.limit - 1) * 50)
    }

    @Test(
        "a login never leads off the site",
        arguments: [
            "/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/ /evil.example", "/gestion//evil.example",
            "/evil", "/r/jeton", "gestion", "/gestionnaire", "/%09/evil.example"
        ])
    func offSiteTargetsAreRefused(target: String) {
        #expect(AuthController.localPath(target) == nil)
    }

    @Test func appTargetsAreKept() {
        for target in ["/gestion", "/gestion/enquetes/essai/reponses?page=2&region=44", "/recherche/experiences?q=sant%C3%A9", "/recherche"] {
            #expect(AuthController.localPath(target) == target)
        }
    }

    @Test func theLoginFormIgnoresATabbedRedirect() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let form = try await Browser.get(client, "/connexion?suite=%2F%09%2Fevil.example")
            #expect(!form.text.contains("evil.example"))
            let login = try await Browser.post(
                client, "/connexion",
                [
                    ("csrf", Browser.hidden("csrf", in: form.text)!), ("name", "equipe"),
                    ("password", WebHarness.password), ("next", "/\t/evil.example")
                ],
                cookies: Browser.cookies(form))
            #expect(login.status == .seeOther)
            #expect(login.location == "/gestion")
        }
    }

    @Test func anUnknownRulesScriptIsTheFrench404WithHeaders() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let response = try await Browser.get(client, "/regles/essai/UNKNOWN.js")
            #expect(response.status == .notFound)
            #expect(response.text.contains("<title>Page introuvable – fabrique</title>"))
            Self.expectSecurityHeaders(response)
            let known = try await Browser.get(client, "/regles/essai/1.js")
            #expect(known.status == .ok)
        }
    }

    @Test func aControlCharacterInASearchIsTheFrench400WithHeaders() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let researcher = try await Browser.login(client, name: "chercheuse")
            for query in ["q=%00", "q=sant%C3%A9%00", "region=%01", "q=%E2%80%AE"] {
                let response = try await Browser.get(client, "/recherche/experiences?\(query)", cookies: researcher.cookies)
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.text.contains("caractère non autorisé"))
                Self.expectSecurityHeaders(response)
            }
            let plain = try await Browser.get(client, "/recherche/experiences?q=sante", cookies: researcher.cookies)
            #expect(plain.status == .ok)
        }
    }

    @Test func theStoreSearchReadsAControlCharacterAsASpace() async throws {
        let database = try await WebHarness.make().database
        let spaced = try database.searchExperiences("santé mentale", region: nil, theme: nil, approach: nil, year: nil)
        #expect(!spaced.isEmpty)
        #expect(try database.searchExperiences("santé\u{0}mentale", region: nil, theme: nil, approach: nil, year: nil) == spaced)
    }

    @Test func headAnswersEveryGetRouteWithoutABody() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            for uri in ["/", "/connexion", "/o/\(WebHarness.openToken)", "/static/fabrique.css"] {
                let response = try await client.execute(uri: uri, method: .head)
                #expect(response.status == .ok, "\(uri)")
                #expect(response.body.readableBytes == 0, "\(uri)")
                Self.expectSecurityHeaders(response)
            }
        }
    }

    /// A database that can hold no more pages than it has: the next write that needs one fails
    /// with SQLITE_FULL, as on a full disk.
    static func fillDisk(_ database: AppDatabase) throws {
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM")  // no free page left to reuse
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
    }

    @Test func aFullDiskDuringADraftSaveShowsWhatWasTypedWith503() async throws {
        let harness = try await WebHarness.make()
        try Self.fillDisk(try #require(harness.database as? AppDatabase))
        let typed = String(repeating: "texte saisi à garder ", count: 4000)
        try await harness.test { client in
            let response = try await Browser.post(
                client, "/r/\(WebHarness.personalToken)/page/0",
                [("commentaire", typed), ("nb_partenaires", "4"), ("action", "enregistrer")])
            #expect(response.status == .serviceUnavailable)
            #expect(response.text.contains("Service momentanément indisponible"))
            #expect(response.text.contains("texte saisi à garder texte saisi"))
            #expect(response.text.contains("value=\"4\""))
            Self.expectSecurityHeaders(response)
            // The server still serves, and nothing was half-written.
            let page = try await Browser.get(client, "/r/\(WebHarness.personalToken)/page/0")
            #expect(page.status == .ok)
            #expect(!page.text.contains("texte saisi"))
        }
    }

    @Test func aFullDiskDuringASubmissionShowsTheAnswersWith503() async throws {
        let harness = try await WebHarness.make()
        let database = harness.database
        let typed = String(repeating: "réponse envoyée ", count: 5000)
        try await harness.test { client in
            let base = "/r/\(WebHarness.personalToken)"
            _ = try await Browser.post(
                client, "\(base)/page/0",
                [
                    ("demarches", "cls"), ("clsm_projet", "non"), ("nb_partenaires", "12"),
                    ("action", "suivant")
                ])
            try Self.fillDisk(try #require(database as? AppDatabase))
            let response = try await Browser.post(client, "\(base)/envoi", [("commentaire", typed)])
            #expect(response.status == .serviceUnavailable)
            #expect(response.text.contains("Service momentanément indisponible"))
            #expect(response.text.contains("réponse envoyée réponse envoyée"))
            let again = try await Browser.get(client, "\(base)/relecture")
            #expect(again.status == .ok)
        }
        #expect(try harness.database.responseSummaries(surveyId: "essai", where: [], regions: nil, limit: 10, offset: 0).total == 0)
    }

    @Test func storageFaultsNameTheFileAndSayNothingWasWritten() throws {
        let error = StoreError.wrap(
            DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full"), doing: "writing responses",
            path: "/data/fabrique.sqlite")
        #expect((error as? StoreError)?.isStorageFault == true)
        let message = error.localizedDescription
        #expect(message.contains("the disk holding the database /data/fabrique.sqlite is full"))
        #expect(message.contains("nothing of it was written"))
    }
}

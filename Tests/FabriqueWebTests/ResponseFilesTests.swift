import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import FabriqueWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The dashboard's SPSS and Stata downloads: the non-respondents list's role and scope checks, an
/// attachment of the right type, and the responses that the account may read, no others.
struct ResponseFilesTests {
    /// A download written to a file and read back with pyreadstat.
    static func readBack(_ response: TestResponse, _ name: String) throws -> DatasetReadBack {
        let folder = try TemporaryDirectory()
        return try DatasetReadBack.read(try folder.write(Array(buffer: response.body), to: name))
    }

    @Test func withoutASessionOrAsAResearcherTheFilesAreRefused() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            for uri in ["/gestion/enquetes/essai/reponses.sav", "/gestion/enquetes/essai/reponses.dta"] {
                let anonymous = try await Browser.get(client, uri)
                #expect(anonymous.status == .seeOther)
                #expect(anonymous.location.hasPrefix("/connexion?suite="))
            }
            let researcher = try await Browser.login(client, name: "chercheuse")
            for uri in ["/gestion/enquetes/essai/reponses.sav", "/gestion/enquetes/essai/reponses.dta"] {
                #expect(try await Browser.get(client, uri, cookies: researcher.cookies).status == .forbidden)
            }
            let staff = try await Browser.login(client, name: "equipe")
            #expect(try await Browser.get(client, "/gestion/enquetes/inconnue/reponses.sav", cookies: staff.cookies).status == .notFound)
        }
    }

    @Test func staffDownloadTheResponsesForSPSSAndStataFromTheDashboard() async throws {
        let harness = try await WebHarness.make()
        try await StaffPagesTests().seedResponse(harness)
        try await harness.test { client in
            let staff = try await Browser.login(client, name: "equipe")
            let page = try await Browser.get(client, "/gestion/enquetes/essai", cookies: staff.cookies)
            #expect(page.text.contains("<a href=\"/gestion/enquetes/essai/reponses.sav\" download>Télécharger les réponses (SPSS .sav)</a>"))
            #expect(page.text.contains("<a href=\"/gestion/enquetes/essai/reponses.dta\" download>Télécharger les réponses (Stata .dta)</a>"))
            let sav = try await Browser.get(client, "/gestion/enquetes/essai/reponses.sav", cookies: staff.cookies)
            #expect(sav.status == .ok)
            #expect(sav.headers[.contentType] == "application/x-spss-sav")
            #expect(sav.headers[.contentDisposition] == "attachment; filename=\"reponses-essai.sav\"")
            let spss = try Self.readBack(sav, "reponses.sav")
            #expect(spss.meta.rows == 1)
            #expect(spss.values("origin") == [.text("web")])
            #expect(spss.values("nb_partenaires") == [.number(12)])
            let dta = try await Browser.get(client, "/gestion/enquetes/essai/reponses.dta", cookies: staff.cookies)
            #expect(dta.status == .ok)
            #expect(dta.headers[.contentType] == "application/x-stata-dta")
            #expect(dta.headers[.contentDisposition] == "attachment; filename=\"reponses-essai.dta\"")
            #expect(try Self.readBack(dta, "reponses.dta").values("nb_partenaires") == [.number(12)])
        }
    }

    @Test func aScopedAccountGetsOnlyItsRegionsResponses() async throws {
        let folder = try TemporaryDirectory()
        let harness = try await ScopeTests.harness(folder)
        let grandEst = try harness.database.responseGroupCounts(surveyId: "coordination", names: ["region"], where: []).first { $0.values[0] == "44" }
        try await harness.test { client in
            let ireps = try await Browser.login(client, name: "ireps")
            let scoped = try await Browser.get(client, "/gestion/enquetes/coordination/reponses.dta", cookies: ireps.cookies)
            #expect(scoped.status == .ok)
            let regions = try Self.readBack(scoped, "ge.dta").values("region")
            #expect(regions.count == grandEst?.count)
            #expect(!regions.isEmpty && regions.allSatisfy { $0 == .number(44) })
            // A survey outside the account's scope is refused, as on the dashboard.
            #expect(try await Browser.get(client, "/gestion/enquetes/essai/reponses.sav", cookies: ireps.cookies).status == .forbidden)
            let admin = try await Browser.login(client, name: "admin")
            let whole = try await Browser.get(client, "/gestion/enquetes/coordination/reponses.sav", cookies: admin.cookies)
            #expect(try Self.readBack(whole, "tout.sav").meta.rows == 120)
        }
    }
}

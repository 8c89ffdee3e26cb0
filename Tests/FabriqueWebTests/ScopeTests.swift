import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStore
import FabriqueTestSupport
import FabriqueWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Accounts limited by `user scope` to regions and surveys: a regional partner sees its region's
/// dashboard, non-respondents, responses, reports and fiches, and every other one is refused.
/// Each test fails when its route's check is removed.
struct ScopeTests {
    /// The harness with 120 generated coordination responses, the reports written, and scoped accounts:
    /// `ireps` (staff, Grand Est, coordination), `etude-ge` (staff, Grand Est, essai), `admin-ge`
    /// (admin, Grand Est) and `ars-idf` (researcher, Île-de-France).
    static func harness(_ folder: TemporaryDirectory) async throws -> WebHarness {
        let settings = ReportSettings(
            directory: folder.path("rapports"), analysis: Fixtures.path("analyses/coordination.yaml"),
            templates: Fixtures.path("analyses/templates"), bibliography: Fixtures.path("seeds/bibliography"))
        let harness = try await WebHarness.make(configuration: .init(reports: settings), alsoCoordination: true)
        let database = harness.database
        let survey = try Fixtures.coordinationSurvey()
        var generator = ResponseGenerator(survey: survey, regions: try Fixtures.referential().regions, seed: 5, today: Fixtures.today)
        let writer = try CSVWriter(path: folder.path("reponses.csv"))
        let names = survey.fields.map(\.name)
        try writer.write(["response_id"] + names)
        for index in 0..<120 {
            let values = try generator.next()
            try writer.write(["r\(index)"] + names.map { values[$0] ?? "" })
        }
        try writer.finish()
        _ = try ResponseImporter(database: database, survey: survey)
            .run(reader: try CSVReader(path: folder.path("reponses.csv")), options: ImportOptions(today: Fixtures.today))
        _ = try settings.generateAll(database: database, today: Fixtures.today)
        let hash = PasswordHasher.hash(WebHarness.password)
        for (name, role, scope) in [
            ("ireps", UserRole.staff, AccountScope(regions: ["44"], surveys: ["coordination"])),
            ("etude-ge", .staff, AccountScope(regions: ["44"], surveys: ["essai"])),
            ("admin-ge", .admin, AccountScope(regions: ["44"])),
            ("ars-idf", .researcher, AccountScope(regions: ["11"]))
        ] {
            try database.addUser(name: name, role: role, passwordHash: hash, at: "2026-12-01T00:00:00Z")
            #expect(try database.setScope(name: name, scope))
        }
        return harness
    }

    /// A stored coordination response of a region.
    static func response(_ database: any FabriqueStore, region: String) throws -> String {
        try #require(
            try database.responseSummaries(surveyId: "coordination", where: [("region", region)], regions: nil, limit: 1, offset: 0).rows.first
        ).responseId
    }

    @Test func theDashboardShowsOnlyTheScopesSurveysAndRegions() async throws {
        let folder = try TemporaryDirectory()
        let harness = try await Self.harness(folder)
        try await harness.test { client in
            let ireps = try await Browser.login(client, name: "ireps")
            do {
                let answer = try await Browser.get(client, "/gestion", cookies: ireps.cookies)
                #expect(answer.location == "/gestion/enquetes/coordination")
            }
            let other = try await Browser.get(client, "/gestion/enquetes/essai", cookies: ireps.cookies)
            #expect(other.status == .forbidden)
            let page = try await Browser.get(client, "/gestion/enquetes/coordination", cookies: ireps.cookies)
            #expect(page.status == .ok)
            #expect(page.text.contains("limité aux régions : Grand Est"))
            for name in ["Bretagne", "Île-de-France", "Occitanie", "Lien ouvert", "href=\"/gestion/enquetes/essai\""] {
                #expect(!page.text.contains(name), "\(name)")
            }
            let admin = try await Browser.login(client, name: "admin")
            let whole = try await Browser.get(client, "/gestion/enquetes/coordination", cookies: admin.cookies)
            #expect(whole.text.contains("Bretagne") && whole.text.contains("Lien ouvert"))
        }
    }

    @Test func theNonRespondentsAreThoseOfTheScopesRegions() async throws {
        let folder = try TemporaryDirectory()
        let harness = try await Self.harness(folder)
        try await harness.test { client in
            let etude = try await Browser.login(client, name: "etude-ge")
            let csv = try await Browser.get(client, "/gestion/enquetes/essai/non-repondants.csv", cookies: etude.cookies)
            #expect(csv.status == .ok)
            #expect(csv.text.contains("a@example.fr") && !csv.text.contains("b@example.fr"))
            do {
                let answer = try await Browser.get(client, "/gestion/enquetes/essai/non-repondants.csv?region=11", cookies: etude.cookies)
                #expect(answer.status == .forbidden)
            }
            let ireps = try await Browser.login(client, name: "ireps")
            do {
                let answer = try await Browser.get(client, "/gestion/enquetes/essai/non-repondants.csv", cookies: ireps.cookies)
                #expect(answer.status == .forbidden)
            }
        }
    }

    @Test func responsesOutsideTheScopeAreNeitherListedNorOpened() async throws {
        let folder = try TemporaryDirectory()
        let harness = try await Self.harness(folder)
        let database = harness.database
        let inside = try Self.response(database, region: "44")
        let outside = try Self.response(database, region: "11")
        let grandEst = try database.responseSummaries(surveyId: "coordination", where: [("region", "44")], regions: nil, limit: 1, offset: 0).total
        try await harness.test { client in
            let ireps = try await Browser.login(client, name: "ireps")
            let list = try await Browser.get(client, "/gestion/enquetes/coordination/reponses", cookies: ireps.cookies)
            #expect(list.status == .ok)
            #expect(list.text.contains("sur \(grandEst)"))
            #expect(!list.text.contains(">\(outside)<"))
            do {
                let answer = try await Browser.get(client, "/gestion/enquetes/coordination/reponses?region=11", cookies: ireps.cookies)
                #expect(answer.status == .forbidden)
            }
            let base = "/gestion/enquetes/coordination/reponses"
            do {
                let answer = try await Browser.get(client, "\(base)/\(inside)", cookies: ireps.cookies)
                #expect(answer.status == .ok)
            }
            do {
                let answer = try await Browser.get(client, "\(base)/\(outside)", cookies: ireps.cookies)
                #expect(answer.status == .forbidden)
            }
            do {
                let answer = try await Browser.get(client, "\(base)/\(outside)/modifier", cookies: ireps.cookies)
                #expect(answer.status == .forbidden)
            }
            let edit = try await Browser.post(
                client, "\(base)/\(outside)/modifier", [("csrf", ireps.csrf), ("etp_coordination", "1")], cookies: ireps.cookies)
            #expect(edit.status == .forbidden)
            // Nor can it move one of its own responses into another region.
            let edited = try await Browser.post(
                client, "\(base)/\(inside)/modifier", [("csrf", ireps.csrf), ("region", "11"), ("departement", "75")],
                cookies: ireps.cookies)
            #expect(edited.status == .forbidden || edited.status == .unprocessableContent)
            let adminGE = try await Browser.login(client, name: "admin-ge")
            do {
                let answer = try await Browser.get(client, "\(base)/\(outside)/effacer", cookies: adminGE.cookies)
                #expect(answer.status == .forbidden)
            }
            let erase = try await Browser.post(
                client, "\(base)/\(outside)/effacer", [("csrf", adminGE.csrf), ("motif", "essai")], cookies: adminGE.cookies)
            #expect(erase.status == .forbidden)
            let etude = try await Browser.login(client, name: "etude-ge")
            do {
                let answer = try await Browser.get(client, base, cookies: etude.cookies)
                #expect(answer.status == .forbidden)
            }
        }
        #expect(try database.response(surveyId: "coordination", responseId: outside) != nil)
        #expect(try database.response(surveyId: "coordination", responseId: inside)?.values["region"] == "44")
    }

    @Test func reportsAreThoseOfTheScopeAndWhatIsPublishedForAll() async throws {
        let folder = try TemporaryDirectory()
        let harness = try await Self.harness(folder)
        try await harness.test { client in
            let ireps = try await Browser.login(client, name: "ireps")
            let list = try await Browser.get(client, "/gestion/rapports", cookies: ireps.cookies)
            #expect(
                list.text.contains("fichiers/grand-est.md") && list.text.contains("fichiers/france.md") && list.text.contains("fichiers/dossiers/"))
            #expect(!list.text.contains("fichiers/bretagne.md") && !list.text.contains("Régénérer tous les rapports"))
            let files = "/gestion/rapports/fichiers"
            do {
                let answer = try await Browser.get(client, "\(files)/grand-est.md", cookies: ireps.cookies)
                #expect(answer.status == .ok)
            }
            do {
                let answer = try await Browser.get(client, "\(files)/grand-est/demarches.svg", cookies: ireps.cookies)
                #expect(answer.status == .ok)
            }
            do {
                let answer = try await Browser.get(client, "\(files)/france.html", cookies: ireps.cookies)
                #expect(answer.status == .ok)
            }
            do {
                let answer = try await Browser.get(client, "\(files)/bretagne.md", cookies: ireps.cookies)
                #expect(answer.status == .forbidden)
            }
            do {
                let answer = try await Browser.get(client, "\(files)/bretagne/demarches.svg", cookies: ireps.cookies)
                #expect(answer.status == .forbidden)
            }
            let zip = String(
                decoding: Array(try await Browser.get(client, "/gestion/rapports/rapports.zip", cookies: ireps.cookies).body.readableBytesView),
                as: UTF8.self)
            #expect(zip.contains("rapports/grand-est.md") && !zip.contains("rapports/bretagne.md"))
            do {
                let answer = try await Browser.post(client, "/gestion/rapports/regenerer", [("csrf", ireps.csrf)], cookies: ireps.cookies)
                #expect(answer.status == .forbidden)
            }
        }
    }

    @Test func aScopedResearcherFindsAndCodesOnlyItsRegionsFiches() async throws {
        let folder = try TemporaryDirectory()
        let harness = try await Self.harness(folder)
        let experiences = try harness.database.experiences()
        let mine = try #require(experiences.first { $0.region == "11" })
        let other = try #require(experiences.first { $0.region == "44" })
        try await harness.test { client in
            let researcher = try await Browser.login(client, name: "ars-idf")
            let search = try await Browser.get(client, "/recherche/experiences", cookies: researcher.cookies)
            #expect(search.text.contains("/recherche/experiences/\(mine.slug)/codage"))
            #expect(!search.text.contains("/recherche/experiences/\(other.slug)/codage"))
            do {
                let answer = try await Browser.get(client, "/recherche/experiences?region=44", cookies: researcher.cookies)
                #expect(answer.status == .forbidden)
            }
            do {
                let answer = try await Browser.get(client, "/recherche/experiences/\(mine.slug)/codage", cookies: researcher.cookies)
                #expect(answer.status == .ok)
            }
            do {
                let answer = try await Browser.get(client, "/recherche/experiences/\(other.slug)/codage", cookies: researcher.cookies)
                #expect(answer.status == .forbidden)
            }
            let save = try await Browser.post(
                client, "/recherche/experiences/\(other.slug)/codage/C1", [("csrf", researcher.csrf), ("level", "1")],
                cookies: researcher.cookies)
            #expect(save.status == .forbidden)
        }
    }
}

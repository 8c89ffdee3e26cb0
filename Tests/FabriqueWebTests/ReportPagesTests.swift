import FabriqueReports
import FabriqueTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The reports on the staff dashboard: list, regeneration (CSRF, roles), downloads, the zip, and
/// paths outside the reports folder refused.
struct ReportPagesTests {
    static func harness(_ folder: TemporaryDirectory) async throws -> WebHarness {
        let settings = ReportSettings(
            directory: folder.url.path, analysis: Fixtures.path("analyses/coordination.yaml"),
            templates: Fixtures.path("analyses/templates"), bibliography: Fixtures.path("seeds/bibliography"))
        return try await WebHarness.make(configuration: .init(reports: settings), alsoCoordination: true)
    }

    @Test func staffRegenerateListAndDownloadReports() async throws {
        let folder = try TemporaryDirectory()
        let harness = try await Self.harness(folder)
        let index = folder.path("index.md")
        try await harness.test { client in
            let staff = try await Browser.login(client, name: "equipe")
            let empty = try await Browser.get(client, "/gestion/rapports", cookies: staff.cookies)
            #expect(empty.status == .ok && empty.text.contains("Aucun rapport n’a encore été produit"))
            // Without the session's CSRF token, nothing is generated.
            let forged = try await Browser.post(client, "/gestion/rapports/regenerer", [("csrf", "faux")], cookies: staff.cookies)
            #expect(forged.status == .forbidden)
            #expect(!FileManager.default.fileExists(atPath: index))
            let done = try await Browser.post(client, "/gestion/rapports/regenerer", [("csrf", staff.csrf)], cookies: staff.cookies)
            #expect(done.status == .seeOther && done.location.hasPrefix("/gestion/rapports?regeneres="))
            let list = try await Browser.get(client, done.location, cookies: staff.cookies)
            #expect(list.text.contains("Rapports régénérés à partir des données actuelles"))
            #expect(list.text.contains("href=\"/gestion/rapports/fichiers/grand-est.md\""))
            #expect(list.text.contains("href=\"/gestion/rapports/fichiers/dossiers/sante-mentale-isolement-social.html\""))
            let markdown = try await Browser.get(client, "/gestion/rapports/fichiers/grand-est.md", cookies: staff.cookies)
            #expect(markdown.status == .ok && markdown.headers[.contentDisposition] == "attachment; filename=\"grand-est.md\"")
            #expect(markdown.text.hasPrefix("# Enquête nationale sur la coordination des démarches territoriales de santé : Grand Est"))
            let html = try await Browser.get(client, "/gestion/rapports/fichiers/grand-est.html", cookies: staff.cookies)
            #expect(html.headers[.contentType] == "text/html; charset=utf-8" && html.text.contains("<table>"))
            #expect(html.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
            let chart = try await Browser.get(client, "/gestion/rapports/fichiers/grand-est/demarches.svg", cookies: staff.cookies)
            #expect(chart.headers[.contentType] == "image/svg+xml" && chart.text.contains("<title id=\"titre\">"))
            let zip = try await Browser.get(client, "/gestion/rapports/rapports.zip", cookies: staff.cookies)
            let bytes = Array(zip.body.readableBytesView)
            #expect(bytes.prefix(4) == [0x50, 0x4B, 0x03, 0x04])
            #expect(String(decoding: bytes, as: UTF8.self).contains("rapports/grand-est.md"))
            let again = try await Browser.get(client, "/gestion/rapports/rapports.zip", cookies: staff.cookies)
            #expect(Array(again.body.readableBytesView) == bytes)
        }
    }

    @Test func pathsOutsideTheReportsAndOtherRolesAreRefused() async throws {
        let folder = try TemporaryDirectory()
        try "# Secret\n".write(toFile: folder.path("../fabrique-secret.md"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: folder.path("../fabrique-secret.md")) }
        try "# Rapport\n".write(toFile: folder.path("index.md"), atomically: true, encoding: .utf8)
        let harness = try await Self.harness(folder)
        try await harness.test { client in
            let staff = try await Browser.login(client, name: "admin")
            for path in [
                "..%2Ffabrique-secret.md", "../fabrique-secret.md", "dossiers/../../fabrique-secret.md", "index.txt", "INDEX.md", ".md", "a/b/c.md"
            ] {
                let response = try await Browser.get(client, "/gestion/rapports/fichiers/" + path, cookies: staff.cookies)
                #expect(response.status == .notFound, "\(path)")
            }
            // The HTML of a Markdown report with no HTML file is rendered on the fly.
            let html = try await Browser.get(client, "/gestion/rapports/fichiers/index.html", cookies: staff.cookies)
            #expect(html.status == .ok && html.text.contains("<h1>Rapport</h1>"))
            let researcher = try await Browser.login(client, name: "chercheuse")
            #expect(try await Browser.get(client, "/gestion/rapports", cookies: researcher.cookies).status == .forbidden)
            #expect(try await Browser.get(client, "/gestion/rapports/fichiers/index.md", cookies: researcher.cookies).status == .forbidden)
            let anonymous = try await Browser.get(client, "/gestion/rapports/rapports.zip")
            #expect(anonymous.status == .seeOther && anonymous.location.hasPrefix("/connexion"))
        }
    }
}

import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import FabriqueWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The coding screen in headless Chromium: a passage selected in the fiche is added to a
/// criterion in one click and saved, then axe-core finds no accessibility violation on the page
/// with the excerpt highlighted. axe-core comes from the PyPI package axe-core-python, which
/// `make pyxform` installs in .build/venv; a failure keeps a screenshot in
/// .build/coding-browser-test-failure.png.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["FABRIQUE_BROWSER_TESTS"] == "1", "set FABRIQUE_BROWSER_TESTS=1 (make test does)"))
struct CodingBrowserTests {
    static let criterion = "partenariats_intersectorialite"
    static let passage = "un café des parents chaque mardi"

    @Test func aSelectedPassageIsAddedInOneClickAndThePageHasNoAxeViolation() async throws {
        let harness = try await CodingScreenTests.harness()
        let axe = try Self.axeSource()
        try await Application(router: harness.router).test(.live) { client in
            let browser = try await WebDriver.start(width: 1100, height: 1000)
            do {
                let researcher = try await Browser.login(client, name: "chercheuse")
                try await Self.code(browser, base: "http://localhost:\(client.port!)", cookies: researcher.cookies, axe: axe)
                await browser.quit()
            } catch {
                if let png = try? await browser.screenshot() {
                    try? png.write(to: URL(fileURLWithPath: Fixtures.path(".build/coding-browser-test-failure.png")))
                }
                await browser.quit()
                throw error
            }
        }
        let coding = try #require(
            try harness.database.codings().first { $0.experience == CodingScreenTests.fiche && $0.criterion == Self.criterion })
        #expect(coding.excerpts.map(\.quote) == [Self.passage])
        #expect(coding.level == 1)
    }

    static func code(_ browser: WebDriver, base: String, cookies: [String: String], axe: String) async throws {
        // The session of a login through the HTTP client, handed to the browser.
        try await browser.open("\(base)/connexion")
        for (name, value) in cookies {
            _ = try await browser.script("document.cookie = '\(name)=\(value); path=/'")
        }
        let page = "\(base)/recherche/experiences/\(CodingScreenTests.fiche)/codage"
        try await browser.open(page)
        #expect(try await browser.isDisplayed("#ajout-selection"))
        // Select the list item's text, as a mouse drag would.
        _ = try await browser.script(
            """
            var item = Array.from(document.querySelectorAll('#fiche li')).find(function (li) { return li.textContent.indexOf('café') >= 0; });
            var range = document.createRange();
            range.selectNodeContents(item);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
            """)
        try await browser.click("#ajout-selection button[data-ajout-extrait=\"extraits-\(criterion)\"]")
        let status = try await browser.script("return document.getElementById('ajout-selection-statut').textContent") as? String ?? ""
        #expect(status.hasPrefix("Extrait « \(passage) » ajouté au critère « "))
        let box = try await browser.script("return document.getElementById('extraits-\(criterion)').value") as? String
        #expect(box == passage)
        try await browser.click("#niveau-\(criterion)-1")
        try await browser.click("#critere-\(criterion) button[type=\"submit\"]")
        #expect(try await BrowserTests.eventually { try await browser.source().contains("<mark class=\"extrait") })
        // axe-core on the page as saved, the excerpt highlighted and the selection panel shown.
        try await Self.expectNoAxeViolation(browser, axe: axe)
        // A real fiche, long enough to scroll beside the criteria; a click without a selection
        // says what to do.
        try await browser.open("\(base)/recherche/experiences/ardeche-reseau-veilleurs-sante-mentale-rural/codage")
        try await browser.click("#ajout-selection button[data-ajout-extrait]")
        let hint = try await browser.script("return document.getElementById('ajout-selection-statut').textContent") as? String
        #expect(hint == "Sélectionnez d’abord un passage dans le texte de la fiche.")
        try await Self.expectNoAxeViolation(browser, axe: axe)
    }

    static func expectNoAxeViolation(_ browser: WebDriver, axe: String) async throws {
        let result =
            try await browser.script(
                axe + "\n;return axe.run(document).then(function (r) { return { passes: r.passes.length, violations: "
                    + "r.violations.map(function (v) { return v.id + ': ' + "
                    + "v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }) }; });"
            )
            as? [String: Any]
        let violations = result?["violations"] as? [String]
        let page = try await browser.currentURL()
        #expect(violations == [], "axe-core violations on \(page): \(violations ?? ["no result"])")
        #expect((result?["passes"] as? Int ?? 0) > 10)
    }

    /// axe.min.js from the project venv's axe-core-python.
    static func axeSource() throws -> String {
        let lib = Fixtures.path(".build/venv/lib")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []
        for version in versions.sorted() {
            let path = "\(lib)/\(version)/site-packages/axe_core_python/axe.min.js"
            if let source = try? String(contentsOfFile: path, encoding: .utf8) { return source }
        }
        throw WebDriver.Failure(description: "axe.min.js not found under \(lib): run `make pyxform` (it installs axe-core-python)")
    }
}

import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import FabriqueWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A respondent fills in the real coordination questionnaire in headless Chromium, through an
/// invitation link, with JavaScript on: live skip logic, one validation error fixed, submission,
/// and the stored response checked against the answers typed. `make test` runs it (it sets
/// FABRIQUE_BROWSER_TESTS=1 after installing chromium and chromium-driver); a failure keeps a
/// screenshot in .build/browser-test-failure.png.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["FABRIQUE_BROWSER_TESTS"] == "1", "set FABRIQUE_BROWSER_TESTS=1 (make test does)"))
struct BrowserTests {
    static let token = "jeton-navigateur-0123456789abcdef"

    @Test func aRespondentFillsTheCoordinationQuestionnaireInChromium() async throws {
        let survey = try Fixtures.coordinationSurvey()
        let source = try Fixtures.text("surveys/coordination.yaml")
        let referential = try Fixtures.referential()
        let database = try AppDatabase.inMemory()
        _ = try database.loadSeeds(
            SeedBundle(referential: referential, codebook: nil, surveys: [.init(survey: survey, source: source)], experiences: []))
        _ = try database.saveContacts([Contact(email: "c@example.fr", name: "Chloé Navigateur", regionCode: "44", approaches: ["CLS", "CLSM"])])
        try database.saveInvitations(
            surveyId: survey.id, [NewInvitation(contactEmail: "c@example.fr", tokenSHA256: SecretToken.hash(Self.token))],
            at: "2026-11-01T08:00:00Z")
        // The answers to type: a valid response from Core's generator, taking the CLSM branch
        // (so "Un CLSM est-il en projet ?" must disappear once CLSM is ticked).
        var generator = ResponseGenerator(survey: survey, regions: referential.regions, seed: 11, today: Fixtures.today)
        var answers = try generator.next()
        while !(answers["demarches"] ?? "").split(separator: " ").contains("clsm") || answers["population_couverte"] == nil {
            answers = try generator.next()
        }
        let expected = answers
        let router = try await buildRouter(database: database, configuration: WebConfiguration())
        try await Application(router: router).test(.live) { client in
            let browser = try await WebDriver.start()
            do {
                try await Self.fill(browser, survey: survey, answers: expected, base: "http://localhost:\(client.port!)")
                await browser.quit()
            } catch {
                if let png = try? await browser.screenshot() {
                    try? png.write(to: URL(fileURLWithPath: Fixtures.path(".build/browser-test-failure.png")))
                }
                await browser.quit()
                throw error
            }
        }
        var stored: [StoredResponse] = []
        try database.forEachResponse(surveyId: survey.id) { stored.append($0) }
        #expect(stored.count == 1)
        let values = try #require(stored.first).values
        let differences = Set(values.keys).union(expected.keys).filter { values[$0] != expected[$0] }.sorted()
        let described = differences.map { "\($0): \(values[$0] ?? "–") vs \(expected[$0] ?? "–")" }
        #expect(differences.isEmpty, "stored and typed answers differ on \(described)")
    }

    static func fill(_ browser: WebDriver, survey: Survey, answers: [String: String], base: String) async throws {
        try await browser.open("\(base)/r/\(token)")
        // Live skip logic: the question shows until CLSM is ticked, then hides without a reload.
        #expect(try await browser.isDisplayed("#q-clsm_projet"))
        try await browser.click("#q-demarches input[value=\"clsm\"]")
        #expect(try await !browser.isDisplayed("#q-clsm_projet"))
        // One validation error, shown in French at the top, then fixed.
        try await browser.type("#f-population_couverte", "beaucoup")
        try await browser.click("button[value=\"suivant\"]")
        #expect(try await Self.eventually { try await browser.isDisplayed("#erreurs") })
        #expect(try await browser.source().contains("« beaucoup » n'est pas un nombre entier"))
        #expect(try await browser.currentURL().hasSuffix("/page/0"))
        var visited = 0
        while try await !browser.currentURL().contains("/relecture") {
            visited += 1
            guard visited <= survey.sections.count + 1 else { throw WebDriver.Failure(description: "the form never reached the review page") }
            // Answering may reveal more questions (live skip logic): answer until none is new.
            var answered: Set<String> = []
            while true {
                let shown =
                    try await browser.script(
                        """
                        return Array.from(document.querySelectorAll('[data-question]')).filter(function (e) { return e.offsetParent !== null; })
                          .map(function (e) { return e.getAttribute('data-question'); });
                        """) as? [String] ?? []
                let fresh = shown.filter { !answered.contains($0) }
                if fresh.isEmpty { break }
                for name in fresh {
                    answered.insert(name)
                    guard let question = survey.question(named: name) else { continue }
                    try await answer(browser, question, answers)
                }
            }
            let before = try await browser.currentURL()
            try await browser.click("button[value=\"suivant\"]")
            // The click may return before the browser has followed the redirect: wait for the
            // next page, or for the error summary of a refused one.
            var refused = false
            let moved = try await Self.eventually {
                refused = try await browser.isDisplayed("#erreurs")
                return try await browser.currentURL() != before || refused
            }
            if !moved || refused {
                throw WebDriver.Failure(description: "page \(before) refused the answers: \(try await browser.source().prefix(4000))")
            }
        }
        #expect(try await browser.source().contains("Vérifiez vos réponses"))
        try await browser.click("form[action$=\"/envoi\"] button[type=\"submit\"]")
        #expect(try await Self.eventually { try await browser.currentURL().contains("/recu/") })
        #expect(try await browser.source().contains("Numéro de reçu"))
    }

    /// Whether a condition holds within 10 seconds: a click may return before the browser has
    /// followed the redirect that the form's POST answered with.
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<100 {
            if try await condition() { return true }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return false
    }

    /// Types or clicks one question's generated answer, the way a respondent would.
    static func answer(_ browser: WebDriver, _ question: Question, _ answers: [String: String]) async throws {
        let name = question.name
        switch question.type {
        case .note, .calculate:
            return
        case .text, .integer, .decimal, .date:
            let value = answers[name] ?? ""
            let typed =
                question.type == .decimal
                ? value.replacingOccurrences(of: ".", with: ",")
                : question.type == .date ? (CalendarDate(iso: value)?.french ?? value) : value
            try await browser.type("#f-\(name)", typed)
        case .selectOne:
            guard let value = answers[name] else { return }
            if try await browser.find("select#f-\(name)") != nil {
                try await browser.click("select#f-\(name) option[value=\"\(value)\"]")
            } else {
                try await browser.click("#q-\(name) input[type=\"radio\"][value=\"\(value)\"]")
            }
        case .selectMultiple:
            for code in (answers[name] ?? "").split(separator: " ") {
                let box = "#q-\(name) input[type=\"checkbox\"][value=\"\(code)\"]"
                let ticked =
                    try await browser.script("return document.querySelector('\(box.replacingOccurrences(of: "'", with: "\\'"))').checked;") as? Bool
                    ?? false
                if !ticked { try await browser.click(box) }
            }
        case .likert:
            for item in question.items {
                if let value = answers[item.name] { try await browser.click("#q-\(item.name) input[type=\"radio\"][value=\"\(value)\"]") }
            }
        case .rank:
            for (position, code) in (answers[name] ?? "").split(separator: " ").enumerated() {
                try await browser.click("#f-\(name)-rang-\(position + 1) option[value=\"\(code)\"]")
            }
        }
        if question.other, let text = answers[question.otherName] { try await browser.type("#f-\(question.otherName)", text) }
    }
}

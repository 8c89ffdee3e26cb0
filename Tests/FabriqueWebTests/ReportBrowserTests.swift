import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// The HTML report as a reader sees it in Chromium: the GFM tables render as tables, every SVG
/// chart loads, the print stylesheet is there; the screenshot is kept in .build/report-grand-est.png.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["FABRIQUE_BROWSER_TESTS"] == "1", "set FABRIQUE_BROWSER_TESTS=1 (make test does)"))
struct ReportBrowserTests {
    @Test func theGrandEstReportRendersInChromium() async throws {
        let survey = try Fixtures.coordinationSurvey()
        let referential = try Fixtures.referential()
        let codebook = try Fixtures.codebook()
        let database = try AppDatabase.inMemory()
        _ = try database.loadSeeds(
            SeedBundle(
                referential: referential, codebook: codebook.codebook, codebookSource: codebook.source,
                surveys: [.init(survey: survey, source: try Fixtures.text("surveys/coordination.yaml"))],
                experiences: try Fixtures.experiences(referential: referential)))
        // 300 generated responses, imported through the one validation path.
        let folder = try TemporaryDirectory()
        var generator = ResponseGenerator(survey: survey, regions: referential.regions, seed: 3, today: Fixtures.today)
        let writer = try CSVWriter(path: folder.path("reponses.csv"))
        let names = survey.fields.map(\.name)
        try writer.write(["response_id"] + names)
        for index in 0..<300 {
            let values = try generator.next()
            try writer.write(["r\(index)"] + names.map { values[$0] ?? "" })
        }
        try writer.finish()
        _ = try ResponseImporter(database: database, survey: survey)
            .run(reader: try CSVReader(path: folder.path("reponses.csv")), options: ImportOptions(today: Fixtures.today))
        let settings = ReportSettings(
            directory: folder.path("rapports"), analysis: Fixtures.path("analyses/coordination.yaml"),
            templates: Fixtures.path("analyses/templates"), bibliography: Fixtures.path("seeds/bibliography"))
        _ = try settings.generateAll(database: database, today: Fixtures.today)

        let browser = try await WebDriver.start(width: 1100, height: 1400)
        do {
            try await browser.open("file://" + folder.path("rapports/grand-est.html"))
            let tables = try await browser.script("return document.querySelectorAll('table').length") as? Int ?? 0
            #expect(tables >= 20)
            let header = try await browser.script("return document.querySelector('table th').textContent") as? String
            #expect(header == "Modalité")
            let images =
                try await browser.script(
                    """
                    return Promise.all(Array.from(document.images).map(i => i.decode().then(() => i.naturalWidth, () => 0)))
                    """) as? [Int] ?? []
            #expect(images.count >= 15 && images.allSatisfy { $0 > 0 }, "charts that did not load: \(images.filter { $0 == 0 }.count)")
            let printRules =
                try await browser.script(
                    """
                    return Array.from(document.styleSheets).flatMap(s => Array.from(s.cssRules))
                        .filter(r => r.media && r.media.mediaText === 'print').length
                    """) as? Int ?? 0
            #expect(printRules == 1)
            let png = try await browser.screenshot()
            try png.write(to: URL(fileURLWithPath: Fixtures.path(".build/report-grand-est.png")))
            #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000)
            await browser.quit()
        } catch {
            await browser.quit()
            throw error
        }
    }
}

import FabriqueTestSupport
import Foundation
import Testing

@testable import FabriqueReports

/// Writing reports into a folder that holds an earlier run's: a chart no longer drawn leaves
/// its report's charts folder; nothing else is touched.
struct ReportWriterTests {
    static func files(in folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { !$0.hasSuffix("/") }.sorted()
    }

    @Test func chartsNoLongerDrawnAreRemovedFromTheirReportsFolderOnly() throws {
        let dir = try TemporaryDirectory()
        let folder = dir.path("reports")
        let first = [
            ReportFile(path: "grand-est.md", text: "# Grand Est\n"), ReportFile(path: "grand-est/etp.svg", text: "<svg/>"),
            ReportFile(path: "grand-est/budget.svg", text: "<svg/>"), ReportFile(path: "bretagne.md", text: "# Bretagne\n"),
            ReportFile(path: "bretagne/etp.svg", text: "<svg/>"), ReportFile(path: "occitanie.md", text: "# Occitanie\n"),
            ReportFile(path: "occitanie/etp.svg", text: "<svg/>")
        ]
        try ReportWriter.write(first, to: folder, html: false, stylesheet: "")
        // Files fabrique did not write stay, even in a charts folder.
        #expect(FileManager.default.createFile(atPath: dir.path("reports/grand-est/notes.txt"), contents: Data("mes notes".utf8)))
        #expect(FileManager.default.createFile(atPath: dir.path("reports/autre.svg"), contents: Data("<svg/>".utf8)))
        // The second run draws no budget chart for Grand Est, no chart at all for Bretagne, and
        // leaves Occitanie alone (a run for some regions only).
        let second = [
            ReportFile(path: "grand-est.md", text: "# Grand Est\n"), ReportFile(path: "grand-est/etp.svg", text: "<svg/>"),
            ReportFile(path: "bretagne.md", text: "# Bretagne\n")
        ]
        let written = try ReportWriter.write(second, to: folder, html: false, stylesheet: "")
        #expect(written == ["grand-est.md", "grand-est/etp.svg", "bretagne.md"])
        #expect(
            Self.files(in: folder) == [
                "autre.svg", "bretagne", "bretagne.md", "grand-est", "grand-est.md", "grand-est/etp.svg",
                "grand-est/notes.txt", "occitanie", "occitanie.md", "occitanie/etp.svg"
            ])
    }
}

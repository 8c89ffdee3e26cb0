import FabriqueReports
import FabriqueTestSupport
import Foundation
import Testing

/// The reports folder as the dashboard reads it: only the paths fabrique writes, listing, HTML on
/// the fly, and a stable zip.
struct ReportLibraryTests {
    @Test func onlyReportPathsAreReadAndHTMLIsMadeFromMarkdown() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.path("grand-est"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.path("dossiers"), withIntermediateDirectories: true)
        try "# Grand Est\n\n| a | b |\n|:---|---:|\n| x | 1 |\n".write(toFile: folder.path("grand-est.md"), atomically: true, encoding: .utf8)
        try "<svg/>".write(toFile: folder.path("grand-est/copil.svg"), atomically: true, encoding: .utf8)
        try "# Dossier\n".write(toFile: folder.path("dossiers/alimentation.md"), atomically: true, encoding: .utf8)
        try "secret".write(toFile: folder.path("notes.txt"), atomically: true, encoding: .utf8)
        let library = ReportLibrary(directory: folder.url.path)
        let css = { "body{}" }
        #expect(try library.file("grand-est.md", stylesheet: css).map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("# Grand Est") == true)
        #expect(try library.file("grand-est/copil.svg", stylesheet: css) == Array("<svg/>".utf8))
        let html = String(decoding: try #require(try library.file("grand-est.html", stylesheet: css)), as: UTF8.self)
        #expect(html.contains("<table>") && html.contains("body{}"))
        for refused in [
            "notes.txt", "../grand-est.md", "grand-est/../grand-est.md", "Grand-Est.md", "a/b/c.md", ".md", "grand-est", "dossiers/x/../y.md",
            "grand-est.md/", "/grand-est.md", "grand est.md", "inconnu.md", "grand-est.d/copil.svg"
        ] {
            #expect(try library.file(refused, stylesheet: css) == nil, "\(refused)")
        }
        #expect(library.entries(dossiers: false).map(\.name) == ["grand-est"] && library.entries(dossiers: false)[0].title == "Grand Est")
        #expect(library.entries(dossiers: true).map(\.name) == ["dossiers/alimentation"])
        let zip = try library.archive()
        let again = try library.archive()
        #expect(zip.prefix(2) == [0x50, 0x4B] && again == zip)
        #expect(!String(decoding: zip, as: UTF8.self).contains("notes.txt"))
    }
}

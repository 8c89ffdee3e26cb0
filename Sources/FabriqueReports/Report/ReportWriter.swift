import Foundation

/// Writes report files into an output folder, and their standalone HTML when asked.
public enum ReportWriter {
    /// Writes each file (creating folders), and for each Markdown file with `html` its `.html`
    /// beside it. A report's charts folder (`grand-est/` for `grand-est.md`) keeps only the
    /// charts written now: a chart an earlier run drew (before a cell was suppressed, say) would
    /// otherwise stay in the folder and in the zip. Returns the paths written, relative to
    /// `folder`, in order.
    @discardableResult
    public static func write(_ files: [ReportFile], to folder: String, html: Bool, stylesheet: String) throws -> [String] {
        var written: [String] = []
        for file in files {
            try save(file.text, folder: folder, path: file.path)
            written.append(file.path)
            guard file.path.hasSuffix(".md") else { continue }
            let path = String(file.path.dropLast(3)) + ".html"
            if html {
                try save(htmlDocument(file.text, stylesheet: stylesheet), folder: folder, path: path)
                written.append(path)
            } else {
                // An HTML page from an earlier run would no longer match its Markdown.
                try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(path))
            }
        }
        removeStaleCharts(folder: folder, written: written)
        return written
    }

    /// Removes the `.svg` files of the written reports' chart folders that this run did not write.
    static func removeStaleCharts(folder: String, written: [String]) {
        let kept = Set(written)
        let fileManager = FileManager.default
        for report in written where report.hasSuffix(".md") {
            let charts = String(report.dropLast(3))
            let directory = (folder as NSString).appendingPathComponent(charts)
            guard let names = try? fileManager.contentsOfDirectory(atPath: directory) else { continue }
            for name in names where name.hasSuffix(".svg") && !kept.contains("\(charts)/\(name)") {
                try? fileManager.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
            }
        }
    }

    /// The standalone HTML page of a report's Markdown; its links to other reports point to their HTML.
    public static func htmlDocument(_ markdown: String, stylesheet: String) -> String {
        let title = markdown.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? "Rapport"
        let page = MarkdownHTML.document(title: title.replacingOccurrences(of: "\\", with: ""), markdown: markdown, stylesheet: stylesheet)
        return relinked(page)
    }

    /// `href="grand-est.md"` → `href="grand-est.html"`, for relative links between reports only.
    static func relinked(_ html: String) -> String {
        var result = ""
        var rest = Substring(html)
        while let range = rest.range(of: "href=\"") {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let target = rest[..<end]
            if target.hasSuffix(".md"), !target.contains(":"), !target.hasPrefix("/") {
                result += target.dropLast(3) + ".html"
            } else {
                result += target
            }
            rest = rest[end...]
        }
        return result + rest
    }

    static func save(_ text: String, folder: String, path: String) throws {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ReportError.output("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

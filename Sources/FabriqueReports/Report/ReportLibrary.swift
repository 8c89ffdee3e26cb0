import FabriqueCore
import FabriqueStore
import Foundation
import ZIPFoundation

/// Where reports are made and kept, as `make demo` and `fabrique serve` use them: the regional
/// reports in `directory`, the dossiers ressources in `directory/dossiers`.
public struct ReportSettings: Sendable {
    public var directory: String
    public var analysis: String
    public var templates: String
    public var bibliography: String

    public init(
        directory: String = "reports", analysis: String = "analyses/coordination.yaml",
        templates: String = "analyses/templates", bibliography: String = "seeds/bibliography"
    ) {
        self.directory = directory
        self.analysis = analysis
        self.templates = templates
        self.bibliography = bibliography
    }

    /// Every report: the regions, France and the index, then one dossier per theme that has
    /// experiences, each with its HTML. Returns the number of files written.
    public func generateAll(database: any FabriqueStore, today: CalendarDate) throws -> Int {
        let (sources, files) = try ReportSources.consistent(
            { try ReportSources(database: database, specFile: analysis, templatesDirectory: templates, today: today) },
            make: { sources in
                let generator = ReportGenerator(sources: sources)
                return try generator.regions()
                    + generator.themesWithExperiences.flatMap { slug in
                        try generator.theme(slug, bibliography: bibliography).map {
                            ReportFile(path: "\(ReportLibrary.dossiersFolder)/\($0.path)", text: $0.text)
                        }
                    }
            })
        return try ReportWriter.write(files, to: directory, html: true, stylesheet: sources.templates.stylesheet).count
    }
}

/// The generated reports of a folder, for the staff dashboard: listing with titles, safe
/// reading of one file, and a zip of them all.
public struct ReportLibrary: Sendable {
    public static let dossiersFolder = "dossiers"

    /// A report: its path without extension (`grand-est`, `dossiers/alimentation`) and its title.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var title: String
        public var hasHTML: Bool
    }

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The Markdown reports of the folder (`dossiers` false) or of its dossiers folder, by name;
    /// `index` and `france` first.
    public func entries(dossiers: Bool) -> [Entry] {
        let folder = dossiers ? (directory as NSString).appendingPathComponent(Self.dossiersFolder) : directory
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }.map {
            String($0.dropLast(3))
        }
        let rank = ["index": 0, "france": 1]
        return names.sorted { (rank[$0] ?? 2, $0) < (rank[$1] ?? 2, $1) }.map { base in
            let path = (folder as NSString).appendingPathComponent(base + ".md")
            let firstLine = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").first.map(String.init) ?? base
            let title = firstLine.hasPrefix("# ") ? String(firstLine.dropFirst(2)).replacingOccurrences(of: "\\", with: "") : base
            return Entry(
                name: dossiers ? "\(Self.dossiersFolder)/\(base)" : base, title: title,
                hasHTML: FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(base + ".html")))
        }
    }

    /// The bytes of a report file given by its relative path, or nil when the path is not one
    /// fabrique writes (at most two lowercase segments, ending in .md, .html or .svg) or the file
    /// does not exist. An `.html` that was not written is rendered from its Markdown.
    public func file(_ relative: String, stylesheet: () throws -> String) rethrows -> [UInt8]? {
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(segments.count), segments.allSatisfy(Self.isSafe) else { return nil }
        let extensionName = segments.last!.split(separator: ".").last.map(String.init) ?? ""
        guard ["md", "html", "svg"].contains(extensionName), segments.dropLast().allSatisfy({ !$0.contains(".") }) else { return nil }
        let path = (directory as NSString).appendingPathComponent(relative)
        if let data = FileManager.default.contents(atPath: path) { return Array(data) }
        guard extensionName == "html", let data = FileManager.default.contents(atPath: String(path.dropLast(5)) + ".md") else { return nil }
        return Array(ReportWriter.htmlDocument(String(decoding: data, as: UTF8.self), stylesheet: try stylesheet()).utf8)
    }

    static func isSafe(_ segment: Substring) -> Bool {
        guard let first = segment.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        return segment.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") } && !segment.contains("..")
    }

    /// A zip of every report file (Markdown, HTML, SVG) that `including` accepts (given its path
    /// relative to the folder), in name order, with a fixed date so that the same reports give
    /// the same archive.
    public func archive(including: (String) -> Bool = { _ in true }) throws -> [UInt8] {
        let root = URL(fileURLWithPath: directory)
        var files: [String] = []
        if let enumerator = FileManager.default.enumerator(atPath: directory) {
            for case let path as String in enumerator where [".md", ".html", ".svg"].contains(where: path.hasSuffix) && including(path) {
                files.append(path)
            }
        }
        let archive = try Archive(data: Data(), accessMode: .create)
        let date = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01
        for path in files.sorted() {
            let data = try Data(contentsOf: root.appendingPathComponent(path))
            try archive.addEntry(
                with: "rapports/" + path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
            }
        }
        guard let data = archive.data else { throw ReportError.output("the zip archive could not be made") }
        return Array(data)
    }
}

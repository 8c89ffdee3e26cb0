import FabriqueCore
import Foundation

extension ReportGenerator {
    /// A dossier ressources: `<theme>.md`, with the context from the template (and from
    /// `contexte-<theme>.mustache` when staff wrote one), the theme's experiences with their
    /// profiles, their regional distribution, the actors, and the bibliography.
    public func theme(_ slug: String, bibliography: String) throws -> [ReportFile] {
        guard let theme = sources.referential.theme(slug: slug) else {
            throw ReportError.input(
                "no theme '\(slug)'; the controlled list (seeds/themes.yaml) has: \(sources.referential.themes.map(\.slug).joined(separator: ", "))")
        }
        let experiences = sources.experiences.filter { $0.themes.contains(slug) }
        let builder = ExperienceViewBuilder(sources: sources)
        var byRegion: [String: Int] = [:]
        for experience in experiences { byRegion[experience.region, default: 0] += 1 }
        let regionRows = sources.referential.regions.filter { byRegion[$0.code] != nil }.map { region in
            [MarkdownEscaper.escape(region.name), String(byRegion[region.code]!)]
        }
        let regionsTable = MarkdownTable(
            header: ["Région", "Expériences"], rows: regionRows + [["**Total**", "**\(experiences.count)**"]],
            alignments: [.left, .right]
        ).markdown { $0 }
        let references = try Self.references(theme: slug, folder: bibliography, themes: sources.referential.themes)
        let context =
            sources.templates.library.getTemplate(named: "contexte-\(slug)") != nil
            ? try sources.templates.render(sources.footer, template: "contexte-\(slug)") : ""
        let view = ThemeView(
            slug: slug, label: theme.label, description: theme.description, context: context, hasContext: !context.isEmpty,
            experiences: experiences.map(builder.view), experienceCount: experiences.count, hasExperiences: !experiences.isEmpty,
            regionsMarkdown: regionsTable,
            leadStructures: Self.sortedUnique(experiences.map(\.leadStructure)),
            partners: Self.sortedUnique(experiences.flatMap(\.partners)), hasPartners: experiences.contains { !$0.partners.isEmpty },
            references: references, hasReferences: !references.isEmpty, footer: sources.footer)
        return [ReportFile(path: "\(slug).md", text: try sources.templates.render(view, template: "theme"))]
    }

    /// The themes that have at least one experience, in the order of the controlled list.
    public var themesWithExperiences: [String] {
        sources.referential.themes.map(\.slug).filter { slug in sources.experiences.contains { $0.themes.contains(slug) } }
    }

    /// Alphabetical order on the names folded to unaccented lowercase (the same on every
    /// machine, unlike a locale's collation), duplicates removed.
    static func sortedUnique(_ names: [String]) -> [String] {
        func key(_ name: String) -> String { name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        return Array(Set(names)).sorted { (key($0), $0) < (key($1), $1) }
    }

    /// The general references, then the theme's, in the order of their files.
    static func references(theme: String, folder: String, themes: [Theme]) throws -> [ReferenceView] {
        var references: [Reference] = []
        for name in ["general", theme] {
            let path = (folder as NSString).appendingPathComponent(name + ".yaml")
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            guard let text = String(data: data, encoding: .utf8) else { throw ReportError.input("\(path): not UTF-8 text") }
            references += try BibliographyParser.parse(text, file: path, name: name, themes: themes).references
        }
        return references.map { r in
            var line = "\(MarkdownEscaper.escape(r.authors)) (\(r.year)). *\(MarkdownEscaper.escape(r.title))*."
            if let publisher = r.publisher { line += " \(MarkdownEscaper.escape(publisher))." }
            if let url = r.url { line += " <\(url)>" }
            return ReferenceView(markdown: line, note: r.note ?? "", hasNote: r.note != nil)
        }
    }
}

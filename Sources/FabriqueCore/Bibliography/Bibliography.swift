/// A bibliographic reference of a dossier ressources (`seeds/bibliography/*.yaml`).
public struct Reference: Sendable, Equatable {
    public var authors: String
    public var year: Int
    public var title: String
    /// Publisher or journal, with the place where usual ("Genève : OMS").
    public var publisher: String?
    public var url: String?
    /// A line on why the reference matters for the theme.
    public var note: String?

    public init(authors: String, year: Int, title: String, publisher: String? = nil, url: String? = nil, note: String? = nil) {
        self.authors = authors
        self.year = year
        self.title = title
        self.publisher = publisher
        self.url = url
        self.note = note
    }
}

/// The references of one bibliography file: `general.yaml` for every dossier, or a theme's slug.
public struct BibliographyFile: Sendable, Equatable {
    /// nil for the general file, else the theme slug the file is named after.
    public var theme: String?
    public var references: [Reference]
}

/// Reads bibliography files: a top-level `references` list of entries with `authors`, `year`,
/// `title`, and optionally `publisher`, `url` and `note`. A file is named after a theme of the
/// controlled list (`alimentation.yaml`) or is `general.yaml`.
public enum BibliographyParser {
    /// Parses one file; `name` is its base name without `.yaml`, checked against the theme slugs.
    public static func parse(_ text: String, file: String, name: String, themes: [Theme]) throws(SourceProblems) -> BibliographyFile {
        let reader = YAMLReader(file: file)
        if name != "general", !themes.contains(where: { $0.slug == name }) {
            reader.report(
                "'\(name)' is not a theme of the controlled list; "
                    + "name the file after a theme slug (\(themes.map(\.slug).joined(separator: ", "))) or general.yaml",
                at: .start)
            throw SourceProblems(reader.problems)
        }
        guard let root = reader.compose(text), let top = reader.fields(root, allowed: ["references"], context: file) else {
            throw SourceProblems(reader.problems)
        }
        let references = (top.sequence("references", required: true) ?? []).compactMap { node -> Reference? in
            guard let f = reader.fields(node, allowed: ["authors", "year", "title", "publisher", "url", "note"], context: "a reference"),
                let authors = f.string("authors", required: true), let year = f.int("year", required: true),
                let title = f.string("title", required: true)
            else { return nil }
            let url = f.string("url")
            if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
            {
                reader.report("url must start with https:// or http:// and hold no space, < or >, not '\(url)'", at: f.valueLocation("url"))
            }
            return Reference(authors: authors, year: year, title: title, publisher: f.string("publisher"), url: url, note: f.string("note"))
        }
        guard reader.problems.isEmpty else { throw SourceProblems(reader.problems) }
        return BibliographyFile(theme: name == "general" ? nil : name, references: references)
    }
}

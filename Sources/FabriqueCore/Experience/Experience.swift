/// A capitalised experience: an Inspir'actions fiche, with its front matter and its text.
public struct Experience: Sendable, Hashable, Codable {
    /// Stable identifier, from the file name.
    public var slug: String
    public var title: String
    public var year: Int
    /// INSEE region code.
    public var region: String
    /// INSEE département code.
    public var departement: String
    /// `qpv`, `rural`, `urbain` or `mixte`.
    public var territoryType: String
    /// Codes among `cls`, `clsm`, `asv`.
    public var approaches: [String]
    /// Theme slugs.
    public var themes: [String]
    public var leadStructure: String
    public var partners: [String]
    public var summary: String
    /// The Markdown body after the front matter: the text coders quote by character offsets.
    public var body: String

    /// Creates an experience.
    public init(
        slug: String, title: String, year: Int, region: String, departement: String, territoryType: String,
        approaches: [String], themes: [String], leadStructure: String, partners: [String], summary: String, body: String
    ) {
        self.slug = slug
        self.title = title
        self.year = year
        self.region = region
        self.departement = departement
        self.territoryType = territoryType
        self.approaches = approaches
        self.themes = themes
        self.leadStructure = leadStructure
        self.partners = partners
        self.summary = summary
        self.body = body
    }

    /// The territory types a fiche may declare.
    public static let territoryTypes = ["qpv", "rural", "urbain", "mixte"]
    /// The approaches a fiche may declare.
    public static let approachCodes = ["cls", "clsm", "asv"]
    /// The body sections every fiche has, in order.
    public static let sectionTitles = [
        "Contexte", "Objectifs", "Actions", "Partenariats", "Participation des habitants",
        "Résultats et évaluation", "Enseignements"
    ]

    /// The `## ` sections of the body, as (title, text) pairs in order.
    public var sections: [(title: String, text: String)] {
        var result: [(String, String)] = []
        var title: String?
        var lines: [Substring] = []
        func flush() {
            if let title { result.append((title, lines.joined(separator: "\n").trimmingASCIIWhitespace())) }
        }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                flush()
                title = String(line.dropFirst(3)).trimmingASCIIWhitespace()
                lines = []
            } else {
                lines.append(line)
            }
        }
        flush()
        return result
    }
}

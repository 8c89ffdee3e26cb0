import Yams

/// Reads a fiche written as Markdown with YAML front matter, checking its fields against the referential.
public enum ExperienceParser {
    static let keys = ["title", "year", "region", "departement", "territory_type", "approaches", "themes",
                       "lead_structure", "partners", "summary"]

    /// Parses one fiche. `slug` defaults to the file name without extension. Throws every problem found.
    public static func parse(_ text: String, file: String, slug: String? = nil, referential: Referential? = nil) throws(SourceProblems) -> Experience {
        let reader = YAMLReader(file: file)
        let normalized = text.replacingAll("\r\n", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0] = lines[0].dropFirst() }
        guard lines.first.map({ String($0).trimmingASCIIWhitespace() }) == "---",
              let end = lines.dropFirst().firstIndex(where: { String($0).trimmingASCIIWhitespace() == "---" }) else {
            reader.report("a fiche must start with YAML front matter between two '---' lines", at: .start)
            throw SourceProblems(reader.problems)
        }
        // Pad with empty lines so that YAML line numbers are the file's line numbers.
        let frontMatter = String(repeating: "\n", count: 1) + lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n").trimmingASCIIWhitespace() + "\n"
        guard let root = reader.compose(frontMatter),
              let f = reader.fields(root, allowed: keys, context: "the front matter") else { throw SourceProblems(reader.problems) }

        let name = slug ?? String(file.split(separator: "/").last?.split(separator: ".").first ?? "")
        let experience = Experience(
            slug: name, title: f.string("title", required: true) ?? "", year: f.int("year", required: true) ?? 0,
            region: f.string("region", required: true) ?? "", departement: f.string("departement", required: true) ?? "",
            territoryType: f.string("territory_type", required: true) ?? "", approaches: f.strings("approaches", required: true) ?? [],
            themes: f.strings("themes", required: true) ?? [], leadStructure: f.string("lead_structure", required: true) ?? "",
            partners: f.strings("partners") ?? [], summary: f.string("summary") ?? "", body: body)
        check(experience, f, reader, referential)
        let headings = experience.sections.map { $0.title }
        if reader.problems.isEmpty, headings != Experience.sectionTitles {
            let bodyLine = end + 2
            reader.report("the body must have the sections \(Experience.sectionTitles.map { "## \($0)" }.joined(separator: ", ")) in that order; found \(headings.isEmpty ? "none" : headings.joined(separator: ", "))",
                          at: SourceLocation(line: bodyLine, column: 1))
        }
        guard reader.problems.isEmpty else { throw SourceProblems(reader.problems) }
        return experience
    }

    private static func check(_ e: Experience, _ f: YAMLFields, _ reader: YAMLReader, _ referential: Referential?) {
        if !e.slug.isEmpty, e.slug != e.slug.slug { reader.report("the file name '\(e.slug)' must be a slug (lowercase, digits, hyphens)", at: .start) }
        if f.has("year"), !(1980...2100).contains(e.year) { reader.report("year \(e.year) is out of range 1980–2100", at: f.valueLocation("year")) }
        if f.has("territory_type"), !Experience.territoryTypes.contains(e.territoryType) {
            reader.report("territory_type '\(e.territoryType)' must be one of \(Experience.territoryTypes.joined(separator: ", "))", at: f.valueLocation("territory_type"))
        }
        for approach in e.approaches where !Experience.approachCodes.contains(approach) {
            reader.report("approach '\(approach)' must be one of \(Experience.approachCodes.joined(separator: ", "))", at: f.valueLocation("approaches"))
        }
        guard let referential else { return }
        if f.has("region"), referential.region(code: e.region) == nil {
            reader.report("unknown region code '\(e.region)' (use an INSEE code such as 44)", at: f.valueLocation("region"))
        }
        if f.has("departement") {
            if let departement = referential.departement(code: e.departement) {
                if departement.region != e.region {
                    reader.report("département \(e.departement) (\(departement.name)) is not in region \(e.region)", at: f.valueLocation("departement"))
                }
            } else {
                reader.report("unknown département code '\(e.departement)'", at: f.valueLocation("departement"))
            }
        }
        for theme in e.themes where referential.theme(slug: theme) == nil {
            reader.report("unknown theme '\(theme)'; themes come from seeds/themes.yaml", at: f.valueLocation("themes"))
        }
    }
}

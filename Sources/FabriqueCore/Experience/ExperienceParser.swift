import Yams

/// Reads a fiche written as Markdown with YAML front matter, checking its fields against the referential.
public enum ExperienceParser {
    static let keys = [
        "title", "year", "region", "departement", "territory_type", "approaches", "themes",
        "lead_structure", "partners", "summary"
    ]

    /// Parses one fiche. `slug` defaults to the file name without extension. Throws every problem found.
    public static func parse(_ text: String, file: String, slug: String? = nil, referential: Referential? = nil) throws(SourceProblems) -> Experience
    {
        let reader = YAMLReader(file: file)
        let normalized = text.replacingAll("\r\n", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0] = lines[0].dropFirst() }
        guard lines.first.map({ String($0).trimmingASCIIWhitespace() }) == "---",
            let end = lines.dropFirst().firstIndex(where: { String($0).trimmingASCIIWhitespace() == "---" })
        else {
            reader.report("a fiche must start with YAML front matter between two '---' lines", at: .start)
            throw SourceProblems(reader.problems)
        }
        // Pad with empty lines so that YAML line numbers are the file's line numbers.
        let frontMatter = String(repeating: "\n", count: 1) + lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n").trimmingASCIIWhitespace() + "\n"
        guard let root = reader.compose(frontMatter),
            let f = reader.fields(root, allowed: keys, context: "the front matter")
        else { throw SourceProblems(reader.problems) }

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
            reader.report(
                "the body must have the sections \(Experience.sectionTitles.map { "## \($0)" }.joined(separator: ", ")) in that order; "
                    + "found \(headings.isEmpty ? "none" : headings.joined(separator: ", "))",
                at: SourceLocation(line: bodyLine, column: 1))
        }
        guard reader.problems.isEmpty else { throw SourceProblems(reader.problems) }
        return experience
    }

    private static func check(_ e: Experience, _ f: YAMLFields, _ reader: YAMLReader, _ referential: Referential?) {
        for (field, message) in problems(of: e, referential: referential) where field == "slug" || f.has(field) {
            reader.report(message, at: field == "slug" ? .start : f.valueLocation(field))
        }
    }

    /// The problems of a fiche's fields, each with the field it concerns: the one set of rules for
    /// Markdown fiches and CSV rows alike.
    public static func problems(of e: Experience, referential: Referential?) -> [(field: String, message: String)] {
        var found: [(String, String)] = []
        if !e.slug.isEmpty, e.slug != e.slug.slug { found.append(("slug", "the slug '\(e.slug)' must be lowercase letters, digits and hyphens")) }
        if e.title.isEmpty { found.append(("title", "the title is empty")) }
        if !(1980...2100).contains(e.year) { found.append(("year", "year \(e.year) is out of range 1980–2100")) }
        if !Experience.territoryTypes.contains(e.territoryType) {
            found.append(
                ("territory_type", "territory_type '\(e.territoryType)' must be one of \(Experience.territoryTypes.joined(separator: ", "))"))
        }
        for approach in e.approaches where !Experience.approachCodes.contains(approach) {
            found.append(("approaches", "approach '\(approach)' must be one of \(Experience.approachCodes.joined(separator: ", "))"))
        }
        guard let referential else { return found }
        if referential.region(code: e.region) == nil { found.append(("region", "unknown region code '\(e.region)' (use an INSEE code such as 44)")) }
        if let departement = referential.departement(code: e.departement) {
            if departement.region != e.region {
                found.append(("departement", "département \(e.departement) (\(departement.name)) is not in region \(e.region)"))
            }
        } else {
            found.append(("departement", "unknown département code '\(e.departement)'"))
        }
        for theme in e.themes where referential.theme(slug: theme) == nil {
            found.append(("themes", "unknown theme '\(theme)'; themes come from seeds/themes.yaml"))
        }
        return found
    }
}

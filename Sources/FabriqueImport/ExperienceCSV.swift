import FabriqueCSV
import FabriqueCore
import Foundation

/// Fiches from a CSV file, checked with the same rules as Markdown fiches.
public enum ExperienceCSV {
    /// The columns of a fiches file (partners, summary and lead_structure may be absent).
    public static let columns = [
        "slug", "title", "year", "region", "departement", "territory_type", "approaches", "themes",
        "lead_structure", "partners", "summary", "body"
    ]

    /// The fiches of a file, or every problem of every row (`RowProblems`) and nothing.
    public static func read(_ path: String, referential: Referential) throws -> [Experience] {
        var experiences: [Experience] = []
        var problems: [String] = []
        let required = columns.filter { !["partners", "summary", "lead_structure"].contains($0) }
        try CSVReader(path: path).forEachNamedRow(required: required) { row in
            func cell(_ name: String) -> String { row[name] }
            func list(_ name: String, separators: String) -> [String] { row.list(name, separators: separators) }
            let experience = Experience(
                slug: cell("slug"), title: cell("title"), year: Int(cell("year")) ?? 0, region: cell("region"), departement: cell("departement"),
                territoryType: cell("territory_type"), approaches: list("approaches", separators: "; "), themes: list("themes", separators: "; "),
                leadStructure: cell("lead_structure"), partners: list("partners", separators: ";"), summary: cell("summary"),
                body: cell("body").trimmingCharacters(in: .whitespacesAndNewlines) + "\n")
            var rowProblems = ExperienceParser.problems(of: experience, referential: referential)
            if experience.slug.isEmpty { rowProblems.append(("slug", "the slug is empty")) }
            if experience.sections.map(\.title) != Experience.sectionTitles {
                rowProblems.append(
                    ("body", "the body must have the sections \(Experience.sectionTitles.map { "## \($0)" }.joined(separator: ", ")) in that order"))
            }
            problems += rowProblems.map { "\(path) line \(row.line), column \"\($0.field)\": \($0.message)" }
            experiences.append(experience)
        }
        guard problems.isEmpty else { throw RowProblems(problems) }
        return experiences
    }
}

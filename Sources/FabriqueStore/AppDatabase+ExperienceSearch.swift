import FabriqueCore
import GRDB

/// One experience found by a search.
public struct ExperienceHit: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var year: Int
    public var region: String
    public var themes: [String]
    public var approaches: [String]
    /// The matching passage, with matches between « and ».
    public var snippet: String
}

extension AppDatabase {
    /// Searches the fiches (FTS5, accent- and case-insensitive; every word must appear), filtered by
    /// region, theme, approach and year. An empty query lists the fiches that pass the filters.
    public func searchExperiences(
        _ query: String, region: String? = nil, theme: String? = nil, approach: String? = nil,
        year: Int? = nil
    ) throws -> [ExperienceHit] {
        // Each word becomes a quoted FTS5 string, so that no user input is read as FTS5 syntax;
        // control characters (a NUL would end FTS5's reading of the query) separate words too.
        let words = SearchWords.split(query).map { "\"\($0)\"" }
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        let matching = !words.isEmpty
        if matching {
            conditions.append("experience_fts MATCH ?")
            arguments.append(words.joined(separator: " "))
        }
        if let region {
            conditions.append("e.region_code = ?")
            arguments.append(region)
        }
        if let year {
            conditions.append("e.year = ?")
            arguments.append(year)
        }
        if let theme {
            conditions.append("EXISTS (SELECT 1 FROM experience_theme t WHERE t.experience_slug = e.slug AND t.theme_slug = ?)")
            arguments.append(theme)
        }
        if let approach {
            conditions.append("EXISTS (SELECT 1 FROM experience_approach a WHERE a.experience_slug = e.slug AND a.approach = ?)")
            arguments.append(approach)
        }
        let whereSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT e.slug, e.title, e.year, e.region_code,
                   \(matching ? "snippet(experience_fts, -1, '«', '»', '…', 16)" : "e.summary") AS snippet
            FROM experience e JOIN experience_fts ON experience_fts.slug = e.slug
            \(whereSQL)
            ORDER BY \(matching ? "bm25(experience_fts), " : "")e.slug
            """
        return try writer.read { db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map { Optional($0) }))
            return try rows.map { row in
                let slug: String = row["slug"]
                return ExperienceHit(
                    slug: slug, title: row["title"], year: row["year"], region: row["region_code"],
                    themes: try String.fetchAll(
                        db, sql: "SELECT theme_slug FROM experience_theme WHERE experience_slug = ? ORDER BY theme_slug", arguments: [slug]),
                    approaches: try String.fetchAll(
                        db, sql: "SELECT approach FROM experience_approach WHERE experience_slug = ? ORDER BY approach", arguments: [slug]),
                    snippet: row["snippet"])
            }
        }
    }

    /// The regions, départements and themes as stored, to check imported fiches against.
    public func referential() throws -> Referential {
        try writer.read { db in
            let departements = try Row.fetchAll(db, sql: "SELECT code, name, region_code FROM departement ORDER BY code").map {
                Departement(code: $0["code"], name: $0["name"], region: $0["region_code"])
            }
            let themes = try Row.fetchAll(db, sql: "SELECT slug, label, description FROM theme ORDER BY slug").map {
                Theme(slug: $0["slug"], label: $0["label"], description: $0["description"])
            }
            let regions = try Row.fetchAll(db, sql: "SELECT code, name, slug, overseas, population FROM region ORDER BY code").map {
                Region(code: $0["code"], name: $0["name"], slug: $0["slug"], overseas: $0["overseas"], population: $0["population"])
            }
            return Referential(regions: regions, departements: departements, themes: themes)
        }
    }
}

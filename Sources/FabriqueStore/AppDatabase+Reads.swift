import FabriqueCore
import GRDB

extension AppDatabase {
    /// The source text of a survey's current version, or of a given version.
    public func surveySource(id: String, version: String? = nil) throws -> (version: String, source: String) {
        let row = try writer.read { db in
            if let version {
                return try Row.fetchOne(
                    db, sql: "SELECT version, source FROM survey_version WHERE survey_id = ? AND version = ?",
                    arguments: [id, version])
            }
            return try Row.fetchOne(
                db,
                sql: """
                    SELECT v.version, v.source FROM survey s JOIN survey_version v ON v.survey_id = s.id AND v.version = s.current_version
                    WHERE s.id = ?
                    """, arguments: [id])
        }
        guard let row else { throw StoreError.unknownSurvey(id) }
        return (row["version"], row["source"])
    }

    /// The current version of a survey, or nil when there is no such survey.
    public func currentSurveyVersion(id: String) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT current_version FROM survey WHERE id = ?", arguments: [id]) }
    }

    /// The identifiers of the loaded surveys, sorted.
    public func surveyIds() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM survey ORDER BY id") }
    }

    /// The regions, ordered by INSEE code.
    public func regions() throws -> [Region] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT code, name, slug, overseas, population FROM region ORDER BY code").map {
                Region(code: $0["code"], name: $0["name"], slug: $0["slug"], overseas: $0["overseas"], population: $0["population"])
            }
        }
    }

    /// The number of rows of each seeded table, for summaries.
    public func seedCounts() throws -> [(table: String, count: Int)] {
        let tables = ["region", "departement", "theme", "survey", "survey_version", "codebook", "criterion", "experience"]
        return try writer.read { db in
            try tables.map { table in (table, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0) }
        }
    }

    /// The experiences, ordered by slug, with their approaches and themes.
    public func experiences() throws -> [Experience] {
        try writer.read { db in try experiences(db) }
    }

    func experiences(_ db: Database) throws -> [Experience] {
        let approaches = try Dictionary(
            grouping: Row.fetchAll(db, sql: "SELECT experience_slug, approach FROM experience_approach ORDER BY approach"),
            by: { $0["experience_slug"] as String })
        let themes = try Dictionary(
            grouping: Row.fetchAll(db, sql: "SELECT experience_slug, theme_slug FROM experience_theme ORDER BY theme_slug"),
            by: { $0["experience_slug"] as String })
        return try Row.fetchAll(db, sql: "SELECT * FROM experience ORDER BY slug").map { row in
            let slug: String = row["slug"]
            return Experience(
                slug: slug, title: row["title"], year: row["year"], region: row["region_code"], departement: row["departement_code"],
                territoryType: row["territory_type"], approaches: (approaches[slug] ?? []).map { $0["approach"] },
                themes: (themes[slug] ?? []).map { $0["theme_slug"] }, leadStructure: row["lead_structure"],
                partners: try StoredJSON.decode([String].self, from: row["partners_json"]), summary: row["summary"], body: row["body"])
        }
    }
}

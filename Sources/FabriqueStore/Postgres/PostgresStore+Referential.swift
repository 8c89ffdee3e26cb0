import FabriqueCore
import PostgresNIO

extension PostgresStore: ReferentialStore {
    public func regions() throws -> [Region] {
        try query("SELECT code, name, slug, overseas, population FROM region ORDER BY code COLLATE \"C\"", doing: "reading the regions")
            .map { row in
                let (code, name, slug, overseas, population) = try row.decode((String, String, String, Bool, Int).self)
                return Region(code: code, name: name, slug: slug, overseas: overseas, population: population)
            }
    }

    public func referential() throws -> Referential {
        let departements = try query(
            "SELECT code, name, region_code FROM departement ORDER BY code COLLATE \"C\"", doing: "reading the départements"
        ).map { row in
            let (code, name, region) = try row.decode((String, String, String).self)
            return Departement(code: code, name: name, region: region)
        }
        let themes = try query("SELECT slug, label, description FROM theme ORDER BY slug COLLATE \"C\"", doing: "reading the themes")
            .map { row in
                let (slug, label, description) = try row.decode((String, String, String).self)
                return Theme(slug: slug, label: label, description: description)
            }
        return Referential(regions: try regions(), departements: departements, themes: themes)
    }

    public func surveyIds() throws -> [String] {
        try query("SELECT id FROM survey ORDER BY id COLLATE \"C\"", doing: "listing the surveys").map { try $0.decode(String.self) }
    }

    public func surveySource(id: String, version: String?) throws -> (version: String, source: String) {
        let statement: PostgresQuery =
            if let version {
                "SELECT version, source FROM survey_version WHERE survey_id = \(id) AND version = \(version)"
            } else {
                """
                SELECT v.version, v.source FROM survey s JOIN survey_version v ON v.survey_id = s.id AND v.version = s.current_version
                WHERE s.id = \(id)
                """
            }
        guard let row = try query(statement, doing: "reading survey '\(id)'").first else { throw StoreError.unknownSurvey(id) }
        return try row.decode((String, String).self)
    }

    public func currentSurveyVersion(id: String) throws -> String? {
        try query("SELECT current_version FROM survey WHERE id = \(id)", doing: "reading survey '\(id)'").first?.decode(String.self)
    }

    public func seedCounts() throws -> [(table: String, count: Int)] {
        let row = try query(
            """
            SELECT (SELECT count(*) FROM region), (SELECT count(*) FROM departement), (SELECT count(*) FROM theme),
                   (SELECT count(*) FROM survey), (SELECT count(*) FROM survey_version), (SELECT count(*) FROM codebook),
                   (SELECT count(*) FROM criterion), (SELECT count(*) FROM experience)
            """, doing: "counting the seeded rows")[0]
        let counts = try row.decode((Int, Int, Int, Int, Int, Int, Int, Int).self)
        return [
            ("region", counts.0), ("departement", counts.1), ("theme", counts.2), ("survey", counts.3), ("survey_version", counts.4),
            ("codebook", counts.5), ("criterion", counts.6), ("experience", counts.7)
        ]
    }

    public func experiences() throws -> [Experience] {
        try query(
            """
            SELECT e.slug, e.title, e.year, e.region_code, e.departement_code, e.territory_type,
                   ARRAY(SELECT approach FROM experience_approach a WHERE a.experience_slug = e.slug ORDER BY approach COLLATE "C"),
                   ARRAY(SELECT theme_slug FROM experience_theme t WHERE t.experience_slug = e.slug ORDER BY theme_slug COLLATE "C"),
                   e.lead_structure, e.partners_json, e.summary, e.body
            FROM experience e ORDER BY e.slug COLLATE "C"
            """, doing: "reading the experiences"
        ).map { row in
            let columns = try row.decode((String, String, Int, String, String, String, [String], [String], String, String, String, String).self)
            return Experience(
                slug: columns.0, title: columns.1, year: columns.2, region: columns.3, departement: columns.4, territoryType: columns.5,
                approaches: columns.6, themes: columns.7, leadStructure: columns.8,
                partners: try StoredJSON.decode([String].self, from: columns.9), summary: columns.10, body: columns.11)
        }
    }

    /// Full-text search: every word must appear (`plainto_tsquery` ands them), accents and case
    /// aside (the `fabrique_search` configuration), best `ts_rank` first; the passage shows the
    /// matches between « and ».
    public func searchExperiences(
        _ text: String, region: String?, theme: String?, approach: String?, year: Int?
    ) throws -> [ExperienceHit] {
        let words = SearchWords.split(text).joined(separator: " ")
        let matching = !words.isEmpty
        let search: PostgresQuery = """
            SELECT e.slug, e.title, e.year, e.region_code,
                   ARRAY(SELECT theme_slug FROM experience_theme t WHERE t.experience_slug = e.slug ORDER BY theme_slug COLLATE "C"),
                   ARRAY(SELECT approach FROM experience_approach a WHERE a.experience_slug = e.slug ORDER BY approach COLLATE "C"),
                   CASE WHEN \(matching) THEN ts_headline('fabrique_search', e.summary || ' ' || e.body, q.query,
                            'StartSel=«, StopSel=», MaxWords=16, MinWords=8, FragmentDelimiter=…, MaxFragments=1')
                        ELSE e.summary END
            FROM experience e, LATERAL (SELECT plainto_tsquery('fabrique_search', \(words)::text) AS query) q
            WHERE (NOT \(matching) OR e.search @@ q.query)
              AND (\(region)::text IS NULL OR e.region_code = \(region))
              AND (\(year)::integer IS NULL OR e.year = \(year))
              AND (\(theme)::text IS NULL OR EXISTS (
                    SELECT 1 FROM experience_theme t WHERE t.experience_slug = e.slug AND t.theme_slug = \(theme)))
              AND (\(approach)::text IS NULL OR EXISTS (
                    SELECT 1 FROM experience_approach a WHERE a.experience_slug = e.slug AND a.approach = \(approach)))
            ORDER BY CASE WHEN \(matching) THEN ts_rank(e.search, q.query) END DESC NULLS LAST, e.slug COLLATE "C"
            """
        return try query(search, doing: "searching the experiences").map { row in
            let (slug, title, year, region, themes, approaches, snippet) = try row.decode(
                (String, String, Int, String, [String], [String], String).self)
            return ExperienceHit(slug: slug, title: title, year: year, region: region, themes: themes, approaches: approaches, snippet: snippet)
        }
    }
}

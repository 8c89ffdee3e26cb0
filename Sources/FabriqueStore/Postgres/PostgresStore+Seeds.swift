import FabriqueCore
import Foundation
import PostgresNIO

extension PostgresStore {
    public func loadSeeds(_ bundle: SeedBundle) throws -> SeedReport {
        try transaction(doing: "loading the seeds") { connection in
            var report = SeedReport()
            for region in bundle.referential.regions {
                try Self.count(
                    connection,
                    """
                    INSERT INTO region (code, name, slug, overseas, population)
                    VALUES (\(region.code), \(region.name), \(region.slug), \(region.overseas), \(region.population))
                    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, slug = EXCLUDED.slug, overseas = EXCLUDED.overseas,
                        population = EXCLUDED.population
                    WHERE (region.name, region.slug, region.overseas, region.population)
                        IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.slug, EXCLUDED.overseas, EXCLUDED.population)
                    RETURNING xmax = 0
                    """, into: &report.regions, logger: logger)
            }
            for departement in bundle.referential.departements {
                try Self.count(
                    connection,
                    """
                    INSERT INTO departement (code, name, region_code) VALUES (\(departement.code), \(departement.name), \(departement.region))
                    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code
                    WHERE (departement.name, departement.region_code) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.region_code)
                    RETURNING xmax = 0
                    """, into: &report.departements, logger: logger)
            }
            for theme in bundle.referential.themes {
                try Self.count(
                    connection,
                    """
                    INSERT INTO theme (slug, label, description) VALUES (\(theme.slug), \(theme.label), \(theme.description))
                    ON CONFLICT (slug) DO UPDATE SET label = EXCLUDED.label, description = EXCLUDED.description
                    WHERE (theme.label, theme.description) IS DISTINCT FROM (EXCLUDED.label, EXCLUDED.description)
                    RETURNING xmax = 0
                    """, into: &report.themes, logger: logger)
            }
            for source in bundle.surveys {
                try saveSurvey(connection, source, counts: &report.surveys)
            }
            if let codebook = bundle.codebook {
                try saveCodebook(connection, codebook, sourceHash: SHA256.hex(bundle.codebookSource), report: &report)
            }
            for experience in bundle.experiences {
                try saveExperience(connection, experience, counts: &report.experiences)
            }
            return report
        }
    }

    public func saveExperiences(_ experiences: [Experience]) throws -> SeedReport.Counts {
        try transaction(doing: "saving experiences") { connection in
            var counts = SeedReport.Counts()
            for experience in experiences { try saveExperience(connection, experience, counts: &counts) }
            return counts
        }
    }

    /// Runs an upsert that returns `xmax = 0` (true for an insert, false for an update, no row when nothing differed).
    private static func count(
        _ connection: PostgresConnection, _ upsert: PostgresQuery, into counts: inout SeedReport.Counts, logger: Logger
    ) throws {
        switch try connection.run(upsert, logger).first?.decode(Bool.self) {
        case true: counts.inserted += 1
        case false: counts.updated += 1
        case nil: counts.unchanged += 1
        }
    }

    private func saveSurvey(_ connection: PostgresConnection, _ source: SeedBundle.SurveySource, counts: inout SeedReport.Counts) throws {
        let survey = source.survey
        let hash = SHA256.hex(source.source)
        let stored = try connection.run(
            "SELECT source_sha256 FROM survey_version WHERE survey_id = \(survey.id) AND version = \(survey.version)", logger
        ).first?.decode(String.self)
        if let stored, stored != hash { throw StoreError.surveyVersionChanged(survey: survey.id, version: survey.version) }
        try Self.count(
            connection,
            """
            INSERT INTO survey (id, current_version) VALUES (\(survey.id), \(survey.version))
            ON CONFLICT (id) DO UPDATE SET current_version = EXCLUDED.current_version
            WHERE survey.current_version <> EXCLUDED.current_version
            RETURNING xmax = 0
            """, into: &counts, logger: logger)
        if stored == nil {
            try connection.run(
                """
                INSERT INTO survey_version (survey_id, version, title, source, source_sha256)
                VALUES (\(survey.id), \(survey.version), \(survey.title), \(source.source), \(hash))
                """, logger)
        }
    }

    private func saveCodebook(_ connection: PostgresConnection, _ codebook: Codebook, sourceHash: String, report: inout SeedReport) throws {
        let stored = try connection.run(
            "SELECT source_sha256 FROM codebook WHERE id = \(codebook.id) AND version = \(codebook.version)", logger
        ).first?.decode(String.self)
        if let stored {
            guard stored == sourceHash else { throw StoreError.codebookVersionChanged(codebook: codebook.id, version: codebook.version) }
            report.codebooks.unchanged += 1
            report.criteria.unchanged += codebook.criteria.count
            return
        }
        let levels = try StoredJSON.encode(codebook.levels)
        try connection.run(
            """
            INSERT INTO codebook (id, version, title, description, levels_json, source_sha256)
            VALUES (\(codebook.id), \(codebook.version), \(codebook.title), \(codebook.description), \(levels), \(sourceHash))
            """, logger)
        report.codebooks.inserted += 1
        for (position, criterion) in codebook.criteria.enumerated() {
            let anchors = try StoredJSON.encode(Dictionary(uniqueKeysWithValues: criterion.anchors.map { (String($0.key), $0.value) }))
            try connection.run(
                """
                INSERT INTO criterion (codebook_id, codebook_version, code, position, label, definition, anchors_json, definition_sha256)
                VALUES (\(codebook.id), \(codebook.version), \(criterion.code), \(position), \(criterion.label),
                        \(criterion.definition), \(anchors), \(criterion.definitionDigest))
                """, logger)
            report.criteria.inserted += 1
        }
    }

    private func saveExperience(_ connection: PostgresConnection, _ e: Experience, counts: inout SeedReport.Counts) throws {
        let hash = SHA256.hex(try StoredJSON.encode(e))
        let stored = try connection.run("SELECT content_sha256 FROM experience WHERE slug = \(e.slug)", logger)
            .first?.decode(String.self)
        if stored == hash {
            counts.unchanged += 1
            return
        }
        let partners = try StoredJSON.encode(e.partners)
        try connection.run(
            """
            INSERT INTO experience (slug, title, year, region_code, departement_code, territory_type, lead_structure,
                                    partners_json, summary, body, content_sha256)
            VALUES (\(e.slug), \(e.title), \(e.year), \(e.region), \(e.departement), \(e.territoryType), \(e.leadStructure),
                    \(partners), \(e.summary), \(e.body), \(hash))
            ON CONFLICT (slug) DO UPDATE SET title = EXCLUDED.title, year = EXCLUDED.year, region_code = EXCLUDED.region_code,
                departement_code = EXCLUDED.departement_code, territory_type = EXCLUDED.territory_type,
                lead_structure = EXCLUDED.lead_structure, partners_json = EXCLUDED.partners_json, summary = EXCLUDED.summary,
                body = EXCLUDED.body, content_sha256 = EXCLUDED.content_sha256
            """, logger)
        if stored == nil { counts.inserted += 1 } else { counts.updated += 1 }
        try connection.run("DELETE FROM experience_approach WHERE experience_slug = \(e.slug)", logger)
        try connection.run("DELETE FROM experience_theme WHERE experience_slug = \(e.slug)", logger)
        for approach in e.approaches {
            try connection.run(
                "INSERT INTO experience_approach (experience_slug, approach) VALUES (\(e.slug), \(approach))", logger)
        }
        for theme in e.themes {
            try connection.run("INSERT INTO experience_theme (experience_slug, theme_slug) VALUES (\(e.slug), \(theme))", logger)
        }
    }
}

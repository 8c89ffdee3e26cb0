import FabriqueCore
import Foundation
import GRDB

extension AppDatabase {
    /// Loads seeds in one transaction, writing only what differs: running it twice changes nothing.
    public func loadSeeds(_ bundle: SeedBundle) throws -> SeedReport {
        do {
            return try writer.write { db in
                var report = SeedReport()
                for region in bundle.referential.regions {
                    try upsert(
                        db, table: "region", key: ["code": region.code],
                        values: ["name": region.name, "slug": region.slug, "overseas": region.overseas, "population": region.population],
                        counts: &report.regions)
                }
                for departement in bundle.referential.departements {
                    try upsert(
                        db, table: "departement", key: ["code": departement.code],
                        values: ["name": departement.name, "region_code": departement.region], counts: &report.departements)
                }
                for theme in bundle.referential.themes {
                    try upsert(
                        db, table: "theme", key: ["slug": theme.slug],
                        values: ["label": theme.label, "description": theme.description], counts: &report.themes)
                }
                for source in bundle.surveys {
                    try saveSurvey(db, source, counts: &report.surveys)
                }
                if let codebook = bundle.codebook {
                    try saveCodebook(db, codebook, sourceHash: SHA256.hex(bundle.codebookSource), report: &report)
                }
                for experience in bundle.experiences {
                    try saveExperience(db, experience, counts: &report.experiences)
                }
                return report
            }
        } catch {
            throw wrap(error, doing: "loading the seeds")
        }
    }

    /// Inserts a row, or updates it when a value differs, or leaves it alone; counts which.
    private func upsert(
        _ db: Database, table: String, key: KeyValuePairs<String, any DatabaseValueConvertible>,
        values: KeyValuePairs<String, any DatabaseValueConvertible>, counts: inout SeedReport.Counts
    ) throws {
        let keyColumns = key.map(\.key)
        let whereClause = keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        let keyArguments = arguments(key.map(\.value))
        let valueColumns = values.map(\.key)
        let existing = try Row.fetchOne(
            db, sql: "SELECT \(valueColumns.joined(separator: ", ")) FROM \(table) WHERE \(whereClause)",
            arguments: keyArguments)
        guard let existing else {
            let columns = keyColumns + valueColumns
            let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            try db.execute(
                sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))",
                arguments: arguments(key.map(\.value) + values.map(\.value)))
            counts.inserted += 1
            return
        }
        let differs = values.contains { column, value in existing[column] as DatabaseValue != value.databaseValue }
        guard differs else {
            counts.unchanged += 1
            return
        }
        let assignments = valueColumns.map { "\($0) = ?" }.joined(separator: ", ")
        try db.execute(
            sql: "UPDATE \(table) SET \(assignments) WHERE \(whereClause)",
            arguments: arguments(values.map(\.value)) + keyArguments)
        counts.updated += 1
    }

    private func saveSurvey(_ db: Database, _ source: SeedBundle.SurveySource, counts: inout SeedReport.Counts) throws {
        let survey = source.survey
        let hash = SHA256.hex(source.source)
        if let stored = try String.fetchOne(
            db, sql: "SELECT source_sha256 FROM survey_version WHERE survey_id = ? AND version = ?",
            arguments: [survey.id, survey.version])
        {
            guard stored == hash else { throw StoreError.surveyVersionChanged(survey: survey.id, version: survey.version) }
            let current = try String.fetchOne(db, sql: "SELECT current_version FROM survey WHERE id = ?", arguments: [survey.id])
            if current == survey.version {
                counts.unchanged += 1
            } else {
                try db.execute(sql: "UPDATE survey SET current_version = ? WHERE id = ?", arguments: [survey.version, survey.id])
                counts.updated += 1
            }
            return
        }
        let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM survey WHERE id = ?", arguments: [survey.id]) ?? false
        if exists {
            try db.execute(sql: "UPDATE survey SET current_version = ? WHERE id = ?", arguments: [survey.version, survey.id])
            counts.updated += 1
        } else {
            try db.execute(sql: "INSERT INTO survey (id, current_version) VALUES (?, ?)", arguments: [survey.id, survey.version])
            counts.inserted += 1
        }
        try db.execute(
            sql: "INSERT INTO survey_version (survey_id, version, title, source, source_sha256) VALUES (?, ?, ?, ?, ?)",
            arguments: [survey.id, survey.version, survey.title, source.source, hash])
    }

    private func saveCodebook(_ db: Database, _ codebook: Codebook, sourceHash: String, report: inout SeedReport) throws {
        if let stored = try String.fetchOne(
            db, sql: "SELECT source_sha256 FROM codebook WHERE id = ? AND version = ?",
            arguments: [codebook.id, codebook.version])
        {
            guard stored == sourceHash else { throw StoreError.codebookVersionChanged(codebook: codebook.id, version: codebook.version) }
            report.codebooks.unchanged += 1
            report.criteria.unchanged += codebook.criteria.count
            return
        }
        try db.execute(
            sql: "INSERT INTO codebook (id, version, title, description, levels_json, source_sha256) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [codebook.id, codebook.version, codebook.title, codebook.description, try StoredJSON.encode(codebook.levels), sourceHash])
        report.codebooks.inserted += 1
        for (position, criterion) in codebook.criteria.enumerated() {
            let anchors = Dictionary(uniqueKeysWithValues: criterion.anchors.map { (String($0.key), $0.value) })
            try db.execute(
                sql: """
                    INSERT INTO criterion (codebook_id, codebook_version, code, position, label, definition, anchors_json, definition_sha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    codebook.id, codebook.version, criterion.code, position, criterion.label, criterion.definition,
                    try StoredJSON.encode(anchors), criterion.definitionDigest
                ])
            report.criteria.inserted += 1
        }
    }

    /// Imports experiences in one transaction, keyed on their slug: a second import of the same
    /// fiches changes nothing.
    public func saveExperiences(_ experiences: [Experience]) throws -> SeedReport.Counts {
        do {
            return try writer.write { db in
                var counts = SeedReport.Counts()
                for experience in experiences { try saveExperience(db, experience, counts: &counts) }
                return counts
            }
        } catch {
            throw wrap(error, doing: "saving experiences")
        }
    }

    private func saveExperience(_ db: Database, _ e: Experience, counts: inout SeedReport.Counts) throws {
        let hash = SHA256.hex(try StoredJSON.encode(e))
        let stored = try String.fetchOne(db, sql: "SELECT content_sha256 FROM experience WHERE slug = ?", arguments: [e.slug])
        if stored == hash {
            counts.unchanged += 1
            return
        }
        let values: [any DatabaseValueConvertible] = [
            e.title, e.year, e.region, e.departement, e.territoryType, e.leadStructure,
            try StoredJSON.encode(e.partners), e.summary, e.body, hash
        ]
        if stored == nil {
            try db.execute(
                sql: """
                    INSERT INTO experience (title, year, region_code, departement_code, territory_type, lead_structure,
                                            partners_json, summary, body, content_sha256, slug)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: arguments(values + [e.slug]))
            counts.inserted += 1
        } else {
            try db.execute(
                sql: """
                    UPDATE experience SET title = ?, year = ?, region_code = ?, departement_code = ?, territory_type = ?,
                        lead_structure = ?, partners_json = ?, summary = ?, body = ?, content_sha256 = ? WHERE slug = ?
                    """, arguments: arguments(values + [e.slug]))
            try db.execute(sql: "DELETE FROM experience_approach WHERE experience_slug = ?", arguments: [e.slug])
            try db.execute(sql: "DELETE FROM experience_theme WHERE experience_slug = ?", arguments: [e.slug])
            counts.updated += 1
        }
        try db.execute(sql: "DELETE FROM experience_fts WHERE slug = ?", arguments: [e.slug])
        try db.execute(
            sql: "INSERT INTO experience_fts (slug, title, summary, body, lead_structure, partners) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [e.slug, e.title, e.summary, e.body, e.leadStructure, e.partners.joined(separator: " ; ")])
        for approach in e.approaches {
            try db.execute(sql: "INSERT INTO experience_approach (experience_slug, approach) VALUES (?, ?)", arguments: [e.slug, approach])
        }
        for theme in e.themes {
            try db.execute(sql: "INSERT INTO experience_theme (experience_slug, theme_slug) VALUES (?, ?)", arguments: [e.slug, theme])
        }
    }

    /// Statement arguments from non-optional values.
    private func arguments(_ values: [any DatabaseValueConvertible]) -> StatementArguments {
        StatementArguments(values.map { Optional($0) })
    }
}

import FabriqueCore
import Foundation
import GRDB

extension AppDatabase {
    /// Saves codings in one transaction; each change (insert or different content) is written to
    /// the audit log with who made it, when, and the coding before and after. A fiche has one
    /// consensus per criterion: a consensus coding replaces any other adjudicator's (audited too),
    /// whether it comes from `coding resolve` or from an import.
    public func saveCodings(_ codings: [Coding], actor: String, at time: String) throws -> SeedReport.Counts {
        do {
            return try writer.write { db in
                var counts = SeedReport.Counts()
                for coding in codings {
                    if coding.consensus { try replaceOtherConsensus(db, coding, actor: actor, at: time) }
                    let key: [any DatabaseValueConvertible] = [coding.experience, coding.criterion, coding.coder, coding.consensus]
                    let after = try StoredJSON.encode(coding)
                    let before = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT * FROM coding WHERE experience_slug = ? AND criterion_code = ? AND coder = ? AND consensus = ?
                            """, arguments: StatementArguments(key.map { Optional($0) })
                    ).map(Self.coding)
                    if let before, before == coding {
                        counts.unchanged += 1
                        continue
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO coding (
                                experience_slug, criterion_code, coder, consensus, codebook_id, codebook_version, level, memo, excerpts_json)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (experience_slug, criterion_code, coder, consensus) DO UPDATE SET
                                codebook_id = excluded.codebook_id, codebook_version = excluded.codebook_version, level = excluded.level,
                                memo = excluded.memo, excerpts_json = excluded.excerpts_json
                            """,
                        arguments: StatementArguments(
                            (key + [
                                coding.codebookId, coding.codebookVersion, coding.level, coding.memo,
                                try StoredJSON.encode(coding.excerpts)
                            ]).map { Optional($0) }))
                    try db.execute(
                        sql: """
                            INSERT INTO coding_audit (experience_slug, criterion_code, coder, consensus, before_json, after_json, actor, at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: StatementArguments((key + [try before.map { try StoredJSON.encode($0) }, after, actor, time]).map { Optional($0) })
                    )
                    if before == nil { counts.inserted += 1 } else { counts.updated += 1 }
                }
                return counts
            }
        } catch {
            throw wrap(error, doing: "saving codings")
        }
    }

    static func coding(_ row: Row) -> Coding {
        Coding(
            experience: row["experience_slug"], criterion: row["criterion_code"], coder: row["coder"], consensus: row["consensus"],
            codebookId: row["codebook_id"], codebookVersion: row["codebook_version"], level: row["level"], memo: row["memo"],
            excerpts: (try? StoredJSON.decode([Excerpt].self, from: row["excerpts_json"])) ?? [])
    }

    /// Every coding, ordered by experience, criterion and coder.
    public func codings() throws -> [Coding] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM coding ORDER BY experience_slug, criterion_code, consensus, coder").map(Self.coding)
        }
    }

    /// Assigns experiences to coders (in one transaction); existing assignments stay.
    public func assign(_ experiences: [String], to coders: [String]) throws -> Int {
        try writer.write { db in
            var added = 0
            for experience in experiences {
                for coder in coders {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO coding_assignment (experience_slug, coder) VALUES (?, ?)", arguments: [experience, coder])
                    added += db.changesCount
                }
            }
            return added
        }
    }

    /// The coders assigned to each experience.
    public func assignments() throws -> [String: [String]] {
        try writer.read { db in
            Dictionary(
                grouping: try Row.fetchAll(db, sql: "SELECT experience_slug, coder FROM coding_assignment ORDER BY coder"),
                by: { $0["experience_slug"] as String }
            )
            .mapValues { $0.map { $0["coder"] as String } }
        }
    }

    /// The audit log of one coding, oldest first: (actor, time, before, after) as JSON texts.
    public func codingAudit(experience: String, criterion: String, coder: String) throws -> [(
        actor: String, at: String, before: String?, after: String
    )] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT actor, at, before_json, after_json FROM coding_audit
                    WHERE experience_slug = ? AND criterion_code = ? AND coder = ? ORDER BY id
                    """, arguments: [experience, criterion, coder]
            ).map { ($0["actor"], $0["at"], $0["before_json"], $0["after_json"]) }
        }
    }

    /// The codebook loaded most recently (highest version): its criteria codes and level values.
    public func currentCodebook() throws -> (id: String, version: Int, criteria: [String], levels: [Int])? {
        try latestCodebook().map { ($0.id, $0.version, $0.criteria.map(\.code), $0.levels.map(\.value)) }
    }
}

extension AppDatabase {
    /// Codings made under a codebook version whose definition of their criterion differs from the
    /// latest version's (label, definition or anchors): they may need a second look. Keys are
    /// "experience|criterion|coder|consensus".
    public func codingsUnderChangedDefinitions() throws -> Set<String> {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.experience_slug, c.criterion_code, c.coder, c.consensus
                    FROM coding c
                    JOIN criterion old ON old.codebook_id = c.codebook_id AND old.codebook_version = c.codebook_version
                        AND old.code = c.criterion_code
                    JOIN criterion cur ON cur.codebook_id = c.codebook_id AND cur.code = c.criterion_code
                        AND cur.codebook_version = (SELECT MAX(version) FROM codebook WHERE id = c.codebook_id)
                    WHERE old.definition_sha256 <> cur.definition_sha256
                    """)
            return Set(
                rows.map { "\($0["experience_slug"] as String)|\($0["criterion_code"] as String)|\($0["coder"] as String)|\($0["consensus"] as Int)" }
            )
        }
    }
}

extension AppDatabase {
    /// Removes the consensus another adjudicator set on the same fiche and criterion, with an audit entry.
    private func replaceOtherConsensus(_ db: Database, _ coding: Coding, actor: String, at time: String) throws {
        let earlier = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM coding WHERE experience_slug = ? AND criterion_code = ? AND consensus = 1 AND coder <> ?
                """, arguments: [coding.experience, coding.criterion, coding.coder]
        ).map(Self.coding)
        for old in earlier {
            try db.execute(
                sql: "DELETE FROM coding WHERE experience_slug = ? AND criterion_code = ? AND coder = ? AND consensus = 1",
                arguments: [old.experience, old.criterion, old.coder])
            try db.execute(
                sql: """
                    INSERT INTO coding_audit (experience_slug, criterion_code, coder, consensus, before_json, after_json, actor, at)
                    VALUES (?, ?, ?, 1, ?, ?, ?, ?)
                    """,
                arguments: [old.experience, old.criterion, old.coder, try StoredJSON.encode(old), "{\"replacedBy\":\"\(coding.coder)\"}", actor, time]
            )
        }
    }
}

extension AppDatabase {
    /// The latest codebook with its levels and criteria (labels, definitions, anchors), for the coding screen.
    public func latestCodebook() throws -> Codebook? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM codebook ORDER BY version DESC LIMIT 1") else { return nil }
            let id: String = row["id"]
            let version: Int = row["version"]
            let criteria = try Row.fetchAll(
                db,
                sql: """
                    SELECT code, label, definition, anchors_json FROM criterion WHERE codebook_id = ? AND codebook_version = ? ORDER BY position
                    """, arguments: [id, version]
            ).map { criterion in
                let anchors = try StoredJSON.decode([String: String].self, from: criterion["anchors_json"])
                return Criterion(
                    code: criterion["code"], label: criterion["label"], definition: criterion["definition"],
                    anchors: Dictionary(uniqueKeysWithValues: anchors.compactMap { key, value in Int(key).map { ($0, value) } }))
            }
            return Codebook(
                id: id, version: version, title: row["title"], description: row["description"],
                levels: try StoredJSON.decode([CodebookLevel].self, from: row["levels_json"]), criteria: criteria)
        }
    }
}

import FabriqueCore
import PostgresNIO

extension PostgresStore: CodingStore {
    /// The class of the advisory locks that serialise the saves of one fiche and criterion ("codi").
    static let codingLockClass: Int32 = 0x636F_6469

    /// The columns `coding(_:)` decodes, in its order.
    static let codingColumns = "experience_slug, criterion_code, coder, consensus, codebook_id, codebook_version, level, memo, excerpts_json"

    /// Saves codings as SQLite does, one after the other in one transaction. SQLite runs one writer at a time;
    /// here two servers may save the same fiche and criterion together, so each save first takes
    /// an advisory lock per fiche and criterion (all at once and in key order, so that two saves
    /// cannot deadlock): without it, two adjudicators could each find no other consensus and
    /// both keep theirs, or two saves of a coding could both audit it as new.
    public func saveCodings(_ codings: [Coding], actor: String, at time: String) throws -> SeedReport.Counts {
        try transaction(doing: "saving codings") { connection in
            let (experiences, criteria) = (codings.map(\.experience), codings.map(\.criterion))
            try connection.run(
                """
                SELECT pg_advisory_xact_lock(\(Self.codingLockClass), key) FROM (
                    SELECT DISTINCT hashtext(e || '|' || c) AS key FROM unnest(\(experiences)::text[], \(criteria)::text[]) AS fiche(e, c)
                    ORDER BY key) keys
                """, logger)
            var counts = SeedReport.Counts()
            for coding in codings {
                if coding.consensus { try replaceOtherConsensus(connection, coding, actor: actor, at: time) }
                let before = try connection.run(
                    """
                    SELECT \(unescaped: Self.codingColumns) FROM coding WHERE experience_slug = \(coding.experience)
                        AND criterion_code = \(coding.criterion) AND coder = \(coding.coder) AND consensus = \(coding.consensus)
                    """, logger
                ).first.map(Self.coding)
                if let before, before == coding {
                    counts.unchanged += 1
                    continue
                }
                let excerpts = try StoredJSON.encode(coding.excerpts)
                let beforeJSON = try before.map { try StoredJSON.encode($0) }
                let after = try StoredJSON.encode(coding)
                try connection.run(
                    """
                    WITH saved AS (
                        INSERT INTO coding (\(unescaped: Self.codingColumns))
                        VALUES (\(coding.experience), \(coding.criterion), \(coding.coder), \(coding.consensus), \(coding.codebookId),
                                \(coding.codebookVersion), \(coding.level), \(coding.memo), \(excerpts))
                        ON CONFLICT (experience_slug, criterion_code, coder, consensus) DO UPDATE SET
                            codebook_id = EXCLUDED.codebook_id, codebook_version = EXCLUDED.codebook_version, level = EXCLUDED.level,
                            memo = EXCLUDED.memo, excerpts_json = EXCLUDED.excerpts_json
                        RETURNING experience_slug, criterion_code, coder, consensus)
                    INSERT INTO coding_audit (experience_slug, criterion_code, coder, consensus, before_json, after_json, actor, at)
                    SELECT experience_slug, criterion_code, coder, consensus, \(beforeJSON), \(after), \(actor), \(time) FROM saved
                    """, logger)
                if before == nil { counts.inserted += 1 } else { counts.updated += 1 }
            }
            return counts
        }
    }

    public func codings() throws -> [Coding] {
        try query(
            """
            SELECT \(unescaped: Self.codingColumns) FROM coding
            ORDER BY experience_slug COLLATE "C", criterion_code COLLATE "C", consensus, coder COLLATE "C"
            """, doing: "reading the codings"
        ).map(Self.coding)
    }

    /// One statement over every pair: `ON CONFLICT DO NOTHING` keeps the existing assignments (and
    /// a pair given twice), and the rows it counts are the new ones.
    public func assign(_ experiences: [String], to coders: [String]) throws -> Int {
        try transaction(doing: "assigning experiences to coders") { connection in
            try connection.run(
                """
                INSERT INTO coding_assignment (experience_slug, coder)
                SELECT experience, coder FROM unnest(\(experiences)::text[]) AS experience, unnest(\(coders)::text[]) AS coder
                ON CONFLICT DO NOTHING
                """, logger
            ).metadata.rows ?? 0
        }
    }

    public func assignments() throws -> [String: [String]] {
        let rows = try query(
            """
            SELECT experience_slug, array_agg(coder ORDER BY coder COLLATE "C") FROM coding_assignment GROUP BY experience_slug
            """, doing: "reading the coding assignments")
        return try Dictionary(uniqueKeysWithValues: rows.map { try $0.decode((String, [String]).self) })
    }

    public func codingAudit(experience: String, criterion: String, coder: String) throws -> [(
        actor: String, at: String, before: String?, after: String
    )] {
        try query(
            """
            SELECT actor, at, before_json, after_json FROM coding_audit
            WHERE experience_slug = \(experience) AND criterion_code = \(criterion) AND coder = \(coder) ORDER BY id
            """, doing: "reading the audit of a coding"
        ).map { row in
            let (actor, at, before, after) = try row.decode((String, String, String?, String).self)
            return (actor, at, before, after)
        }
    }

    public func currentCodebook() throws -> (id: String, version: Int, criteria: [String], levels: [Int])? {
        try latestCodebook().map { ($0.id, $0.version, $0.criteria.map(\.code), $0.levels.map(\.value)) }
    }

    public func codingsUnderChangedDefinitions() throws -> Set<String> {
        let rows = try query(
            """
            SELECT c.experience_slug, c.criterion_code, c.coder, c.consensus
            FROM coding c
            JOIN criterion old ON old.codebook_id = c.codebook_id AND old.codebook_version = c.codebook_version
                AND old.code = c.criterion_code
            JOIN criterion cur ON cur.codebook_id = c.codebook_id AND cur.code = c.criterion_code
                AND cur.codebook_version = (SELECT max(version) FROM codebook WHERE id = c.codebook_id)
            WHERE old.definition_sha256 <> cur.definition_sha256
            """, doing: "finding codings under changed definitions")
        return Set(
            try rows.map { row in
                let (experience, criterion, coder, consensus) = try row.decode((String, String, String, Bool).self)
                return "\(experience)|\(criterion)|\(coder)|\(consensus ? 1 : 0)"
            })
    }

    /// The codebook and its criteria in one statement, so that they come from one snapshot as in
    /// SQLite's read (a codebook without criteria gives one row of NULL criterion columns).
    public func latestCodebook() throws -> Codebook? {
        let rows = try query(
            """
            SELECT b.id, b.version, b.title, b.description, b.levels_json, c.code, c.label, c.definition, c.anchors_json
            FROM (SELECT * FROM codebook ORDER BY version DESC LIMIT 1) b
            LEFT JOIN criterion c ON c.codebook_id = b.id AND c.codebook_version = b.version
            ORDER BY c.position
            """, doing: "reading the codebook")
        guard let first = rows.first else { return nil }
        let (id, version, title, description, levels) = try first.decode((String, Int, String, String, String).self)
        var criteria: [Criterion] = []
        for row in rows {
            let columns = try row.decode((String, Int, String, String, String, String?, String?, String?, String?).self)
            guard let code = columns.5, let label = columns.6, let definition = columns.7, let anchorsJSON = columns.8 else { continue }
            let anchors = try StoredJSON.decode([String: String].self, from: anchorsJSON)
            criteria.append(
                Criterion(
                    code: code, label: label, definition: definition,
                    anchors: Dictionary(uniqueKeysWithValues: anchors.compactMap { key, value in Int(key).map { ($0, value) } })))
        }
        return Codebook(
            id: id, version: version, title: title, description: description,
            levels: try StoredJSON.decode([CodebookLevel].self, from: levels), criteria: criteria)
    }
}

extension PostgresStore {
    /// A coding from the columns of `codingColumns`; unreadable excerpts read as none, as on SQLite.
    static func coding(_ row: PostgresRow) throws -> Coding {
        let (experience, criterion, coder, consensus, codebookId, codebookVersion, level, memo, excerpts) = try row.decode(
            (String, String, String, Bool, String, Int, Int, String, String).self)
        return Coding(
            experience: experience, criterion: criterion, coder: coder, consensus: consensus, codebookId: codebookId,
            codebookVersion: codebookVersion, level: level, memo: memo,
            excerpts: (try? StoredJSON.decode([Excerpt].self, from: excerpts)) ?? [])
    }

    /// Removes the consensus another adjudicator set on the same fiche and criterion, with an audit
    /// entry each, in coder order as SQLite visits them.
    private func replaceOtherConsensus(_ connection: PostgresConnection, _ coding: Coding, actor: String, at time: String) throws {
        let earlier = try connection.run(
            """
            WITH removed AS (
                DELETE FROM coding WHERE experience_slug = \(coding.experience) AND criterion_code = \(coding.criterion)
                    AND consensus AND coder <> \(coding.coder)
                RETURNING \(unescaped: Self.codingColumns))
            SELECT \(unescaped: Self.codingColumns) FROM removed ORDER BY coder COLLATE "C"
            """, logger
        ).map(Self.coding)
        for old in earlier {
            let before = try StoredJSON.encode(old)
            try connection.run(
                """
                INSERT INTO coding_audit (experience_slug, criterion_code, coder, consensus, before_json, after_json, actor, at)
                VALUES (\(old.experience), \(old.criterion), \(old.coder), true, \(before), \("{\"replacedBy\":\"\(coding.coder)\"}"),
                        \(actor), \(time))
                """, logger)
        }
    }
}

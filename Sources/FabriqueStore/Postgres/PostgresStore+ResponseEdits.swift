import FabriqueCore
import PostgresNIO

extension PostgresStore {
    public func responseSummaries(
        surveyId: String, where conditions: [(column: String, value: String)], regions: [String]?, limit: Int, offset: Int
    ) throws -> (total: Int, rows: [ResponseSummary]) {
        try pool.withConnection { connection in
            guard let schema = try schema(connection, surveyId) else { return (0, []) }
            let known = Set(schema.columns.map(\.name) + ["origin"])
            let hasRegion = schema.columns.contains { $0.name == "region" }
            var conditions = Self.select("count(*)", from: schema, conditions, known)
            if let regions {
                var bindings = conditions.binds
                let test: String
                if hasRegion && !regions.isEmpty {
                    bindings.append(regions)
                    test = "\"region\" = ANY($\(bindings.count))"
                } else {
                    test = "false"
                }
                conditions = PostgresQuery(
                    unsafeSQL: conditions.sql + (conditions.sql.contains(" WHERE ") ? " AND " : " WHERE ") + test, binds: bindings)
            }
            let total = try connection.run(conditions, logger).first?.decode(Int.self) ?? 0
            var page = conditions
            page.sql = page.sql.replacingOccurrences(
                of: "SELECT count(*)", with: "SELECT response_id, origin, survey_version, \(hasRegion ? "\"region\"" : "NULL::text")")
            page.binds.append(limit)
            page.binds.append(offset)
            page.sql += " ORDER BY response_id LIMIT $\(page.binds.count - 1) OFFSET $\(page.binds.count)"
            let rows = try connection.run(page, logger).map { row in
                let (id, origin, version, region) = try row.decode((String, String, String, String?).self)
                return ResponseSummary(responseId: id, origin: origin, surveyVersion: version, region: region)
            }
            return (total, rows)
        }
    }

    public func response(surveyId: String, responseId: String) throws -> StoredResponse? {
        try pool.withConnection { connection in try storedResponse(connection, surveyId, responseId) }
    }

    public func editResponse(survey: Survey, responseId: String, fieldNames: [String], values: [String?], actor: String, at: String) throws {
        try transaction(doing: "editing response '\(responseId)'") { connection in
            guard let before = try storedResponse(connection, survey.id, responseId, locking: true) else {
                throw StoreError.unknownResponse(responseId)
            }
            let schema = try ensureResponseTable(connection, survey)
            let table = AppDatabase.quoted(schema.tableName)
            let digest = ResponseBatch.digest(of: values)
            let stored = try connection.run("SELECT content_sha256 FROM \(unescaped: table) WHERE response_id = \(responseId)", logger)
                .first?.decode(String.self)
            if stored != digest {
                let index = schema.index
                var bindings = PostgresBindings()
                bindings.append(digest)
                var assignments = ["content_sha256 = $1"]
                for (name, value) in zip(fieldNames, values) {
                    let affinity = index[name].map { schema.columns[$0].affinity } ?? "TEXT"
                    bindings.append(value.map { PostgresValues.stored($0, affinity: affinity) })
                    assignments.append("\(AppDatabase.quoted(name)) = $\(bindings.count)")
                }
                let given = Set(fieldNames)
                assignments += schema.columns.map(\.name).filter { !given.contains($0) }.map { "\(AppDatabase.quoted($0)) = NULL" }
                bindings.append(responseId)
                try connection.run(
                    PostgresQuery(
                        unsafeSQL: "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE response_id = $\(bindings.count)",
                        binds: bindings), logger)
            }
            guard let after = try storedResponse(connection, survey.id, responseId) else { throw StoreError.unknownResponse(responseId) }
            let beforeJSON = try StoredJSON.encode(before.values)
            let afterJSON = try StoredJSON.encode(after.values)
            try connection.run(
                """
                INSERT INTO response_edit (survey_id, response_id, actor, at, before_json, after_json)
                VALUES (\(survey.id), \(responseId), \(actor), \(at), \(beforeJSON), \(afterJSON))
                """, logger)
        }
    }

    public func responseEdits(surveyId: String, responseId: String) throws -> [ResponseEdit] {
        try query(
            """
            SELECT actor, at, before_json, after_json FROM response_edit WHERE survey_id = \(surveyId) AND response_id = \(responseId)
            ORDER BY id
            """, doing: "reading a response's edits"
        ).map { row in
            let (actor, at, before, after) = try row.decode((String, String, String, String).self)
            return ResponseEdit(
                actor: actor, at: at, before: try StoredJSON.decode([String: String].self, from: before),
                after: try StoredJSON.decode([String: String].self, from: after))
        }
    }

    /// One stored response (`locking`: held for this transaction, so that two edits apply one after the other).
    func storedResponse(_ connection: PostgresConnection, _ surveyId: String, _ responseId: String, locking: Bool = false) throws
        -> StoredResponse?
    {
        guard let schema = try schema(connection, surveyId) else { return nil }
        let columns = (["response_id", "survey_version", "origin"] + schema.columns.map(\.name)).map(AppDatabase.quoted).joined(separator: ", ")
        return try connection.run(
            """
            SELECT \(unescaped: columns) FROM \(unescaped: AppDatabase.quoted(schema.tableName)) WHERE response_id = \(responseId)
            \(unescaped: locking ? "FOR UPDATE" : "")
            """, logger
        ).first.map { try Self.storedResponse($0, schema) }
    }
}

import FabriqueCore
import PostgresNIO

/// Each survey's responses in a table of their own, one column per answer variable, as on SQLite.
///
/// Every column is `text COLLATE "C"` holding the canonical value exactly as SQLite gives it back
/// (`PostgresValues.stored`): SQLite's affinities keep a value that is not a number as text, which
/// a typed PostgreSQL column would refuse, and the same text on both engines makes the same
/// exports, tables and reports, byte for byte. Order and grouping follow the bytes, as on SQLite.
extension PostgresStore: ResponseStore {
    public func ensureResponseTable(for survey: Survey) throws -> ResponseSchema {
        try transaction(doing: "preparing the response table of '\(survey.id)'") { connection in
            try ensureResponseTable(connection, survey)
        }
    }

    public func responseSchema(surveyId: String) throws -> ResponseSchema? {
        try pool.withConnection { connection in try schema(connection, surveyId) }
    }

    func schema(_ connection: PostgresConnection, _ surveyId: String) throws -> ResponseSchema? {
        guard let table = try connection.run("SELECT table_name FROM response_table WHERE survey_id = \(surveyId)", logger).first else {
            return nil
        }
        let columns = try connection.run(
            "SELECT name, affinity FROM response_column WHERE survey_id = \(surveyId) ORDER BY position", logger
        ).map { row in
            let (name, affinity) = try row.decode((String, String).self)
            return ResponseColumn(name: name, affinity: affinity)
        }
        return ResponseSchema(surveyId: surveyId, tableName: try table.decode(String.self), columns: columns)
    }

    func ensureResponseTable(_ connection: PostgresConnection, _ survey: Survey) throws -> ResponseSchema {
        guard SurveyParser.isName(survey.id) else { throw StoreError.database(doing: "naming a response table", reason: "invalid survey id") }
        // The common case, a table that has every column already, takes no lock.
        // (The region index was made with the columns: CREATE INDEX IF NOT EXISTS would lock the table.)
        if let schema = try schema(connection, survey.id), schema.columnsToAdd(for: survey).isEmpty { return schema }
        // Two servers storing a survey's first response at once: one creates, the other waits and reads.
        try connection.run("SELECT pg_advisory_xact_lock(hashtextextended('fabrique responses ' || \(survey.id), 0))", logger)
        var schema = try schema(connection, survey.id)
        if schema == nil {
            let table = "responses_" + survey.id
            try createResponseTable(connection, table)
            try connection.run("INSERT INTO response_table (survey_id, table_name) VALUES (\(survey.id), \(table))", logger)
            schema = ResponseSchema(surveyId: survey.id, tableName: table, columns: [])
        }
        var result = schema!
        for column in result.columnsToAdd(for: survey) {
            try addResponseColumn(connection, result.tableName, column)
            try connection.run(
                """
                INSERT INTO response_column (survey_id, name, affinity, position)
                VALUES (\(survey.id), \(column.name), \(column.affinity), \(result.columns.count))
                """, logger)
            result.columns.append(column)
        }
        try indexRegion(connection, result)
        return result
    }

    func createResponseTable(_ connection: PostgresConnection, _ table: String) throws {
        try connection.run(
            """
            CREATE TABLE \(unescaped: AppDatabase.quoted(table)) (
                response_id text COLLATE "C" PRIMARY KEY, survey_version text NOT NULL, origin text COLLATE "C" NOT NULL,
                content_sha256 text NOT NULL)
            """, logger)
    }

    func addResponseColumn(_ connection: PostgresConnection, _ table: String, _ column: ResponseColumn) throws {
        let name = AppDatabase.quoted(column.name)
        try connection.run("ALTER TABLE \(unescaped: AppDatabase.quoted(table)) ADD COLUMN \(unescaped: name) text COLLATE \"C\"", logger)
    }

    func indexRegion(_ connection: PostgresConnection, _ schema: ResponseSchema) throws {
        guard schema.columns.contains(where: { $0.name == "region" }) else { return }
        try connection.run(
            """
            CREATE INDEX IF NOT EXISTS \(unescaped: AppDatabase.quoted(schema.tableName + "_region"))
            ON \(unescaped: AppDatabase.quoted(schema.tableName)) ("region")
            """, logger)
    }

    public func forEachResponse(surveyId: String, _ body: (StoredResponse) throws -> Void) throws {
        try pool.withConnection { connection in
            guard let schema = try schema(connection, surveyId) else { return }
            let columns = (["response_id", "survey_version", "origin"] + schema.columns.map(\.name)).map(AppDatabase.quoted)
            let rows = try connection.run(
                "SELECT \(unescaped: columns.joined(separator: ", ")) FROM \(unescaped: AppDatabase.quoted(schema.tableName)) ORDER BY response_id",
                logger)
            for row in rows { try body(try Self.storedResponse(row, schema)) }
        }
    }

    /// A response read with `response_id, survey_version, origin` then every schema column.
    static func storedResponse(_ row: PostgresRow, _ schema: ResponseSchema) throws -> StoredResponse {
        var values: [String: String] = [:]
        var cells = row.makeIterator()
        let id = try cells.next()!.decode(String.self)
        let version = try cells.next()!.decode(String.self)
        let origin = try cells.next()!.decode(String.self)
        for column in schema.columns {
            if let text = try cells.next()!.decode(String?.self) { values[column.name] = text }
        }
        return StoredResponse(responseId: id, surveyVersion: version, origin: origin, values: values)
    }

    public func responseColumns(surveyId: String, names: [String], where conditions: [(column: String, value: String)]) throws -> (
        count: Int, columns: [String: [String?]]
    ) {
        try pool.withConnection { connection in
            guard let schema = try schema(connection, surveyId) else { return (0, Dictionary(uniqueKeysWithValues: names.map { ($0, []) })) }
            let known = Set(schema.columns.map(\.name))
            let present = Array(Set(names.filter(known.contains))).sorted()
            var columns = Dictionary(uniqueKeysWithValues: present.map { ($0, [String?]()) })
            let select = present.isEmpty ? "1" : present.map(AppDatabase.quoted).joined(separator: ", ")
            var query = Self.select(select, from: schema, conditions, known)
            query.sql += " ORDER BY response_id"
            let rows = try connection.run(query, logger)
            for row in rows where !present.isEmpty {
                for (name, cell) in zip(present, row) { columns[name]!.append(try cell.decode(String?.self)) }
            }
            for name in names where !known.contains(name) { columns[name] = Array(repeating: nil, count: rows.count) }
            return (rows.count, columns)
        }
    }

    public func responseGroupCounts(surveyId: String, names: [String], where conditions: [(column: String, value: String)]) throws -> [(
        values: [String?], count: Int
    )] {
        try pool.withConnection { connection in
            guard let schema = try schema(connection, surveyId) else { return [] }
            let known = Set(schema.columns.map(\.name))
            let list = names.map { known.contains($0) ? AppDatabase.quoted($0) : "NULL::text" }.joined(separator: ", ")
            var query = Self.select("\(list), count(*)", from: schema, conditions, known)
            query.sql += " GROUP BY \(list)"
            return try connection.run(query, logger).map { row in
                var cells = row.makeIterator()
                let values = try names.map { _ in try cells.next()!.decode(String?.self) }
                return (values, try cells.next()!.decode(Int.self))
            }
        }
    }

    public func responseNumbers(surveyId: String, value: String, group: String?, where conditions: [(column: String, value: String)]) throws
        -> [(group: String?, value: Double?)]
    {
        try pool.withConnection { connection in
            guard let schema = try schema(connection, surveyId), schema.columns.contains(where: { $0.name == value }) else { return [] }
            let known = Set(schema.columns.map(\.name))
            let groupColumn = group.flatMap { known.contains($0) ? AppDatabase.quoted($0) : nil } ?? "NULL::text"
            let query = Self.select("\(groupColumn), \(AppDatabase.quoted(value))", from: schema, conditions, known)
            return try connection.run(query, logger).map { row in
                let (group, text) = try row.decode((String?, String?).self)
                return (group, text.flatMap(Double.init))
            }
        }
    }

    public func responseFingerprint(surveyId: String) throws -> (count: Int, sha256: String) {
        try pool.withConnection { connection in
            var stream = SHA256.Stream()
            guard let schema = try schema(connection, surveyId) else { return (0, stream.finalize()) }
            let rows = try connection.run(
                "SELECT response_id, content_sha256 FROM \(unescaped: AppDatabase.quoted(schema.tableName)) ORDER BY response_id", logger)
            for row in rows {
                let (id, digest) = try row.decode((String, String).self)
                stream.update(id + "\t" + digest + "\n")
            }
            return (rows.count, stream.finalize())
        }
    }

    /// `SELECT columns FROM table WHERE "a" = $1 AND …`: a condition on a column the table lacks
    /// matches nothing (the answer was never given), as on SQLite.
    static func select(
        _ columns: String, from schema: ResponseSchema, _ conditions: [(column: String, value: String)], _ known: Set<String>
    ) -> PostgresQuery {
        var bindings = PostgresBindings()
        var parts: [String] = []
        for condition in conditions {
            if known.contains(condition.column) {
                bindings.append(condition.value)
                parts.append("\(AppDatabase.quoted(condition.column)) = $\(bindings.count)")
            } else {
                parts.append("false")
            }
        }
        let whereSQL = parts.isEmpty ? "" : " WHERE " + parts.joined(separator: " AND ")
        return PostgresQuery(unsafeSQL: "SELECT \(columns) FROM \(AppDatabase.quoted(schema.tableName))\(whereSQL)", binds: bindings)
    }
}

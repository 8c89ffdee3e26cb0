import FabriqueCore
import GRDB

extension AppDatabase {
    /// Creates the survey's response table, or adds the columns a new version brings. Returns the
    /// full schema. Names are checked identifiers (`SurveyParser.isName`) and are quoted anyway.
    public func ensureResponseTable(for survey: Survey) throws -> ResponseSchema {
        do {
            return try writer.write { db in try ensureResponseTable(db, survey) }
        } catch {
            throw wrap(error, doing: "preparing the response table of '\(survey.id)'")
        }
    }

    /// The response table of a survey, if responses were ever stored.
    public func responseSchema(surveyId: String) throws -> ResponseSchema? {
        try writer.read { db in try schema(db, surveyId) }
    }

    func schema(_ db: Database, _ surveyId: String) throws -> ResponseSchema? {
        guard let table = try String.fetchOne(db, sql: "SELECT table_name FROM response_table WHERE survey_id = ?", arguments: [surveyId]) else {
            return nil
        }
        let columns = try Row.fetchAll(
            db, sql: "SELECT name, affinity FROM response_column WHERE survey_id = ? ORDER BY position",
            arguments: [surveyId]
        ).map { ResponseColumn(name: $0["name"], affinity: $0["affinity"]) }
        return ResponseSchema(surveyId: surveyId, tableName: table, columns: columns)
    }

    static func quoted(_ identifier: String) -> String {
        // Names are checked identifiers; the doubling is a second guard, kept off the common path
        // (Foundation's replacing costs more than the row when a web submission quotes 300 names).
        guard identifier.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + identifier + "\"" }
        return "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func ensureResponseTable(_ db: Database, _ survey: Survey) throws -> ResponseSchema {
        guard SurveyParser.isName(survey.id) else { throw StoreError.database(doing: "naming a response table", reason: "invalid survey id") }
        var schema = try schema(db, survey.id)
        if schema == nil {
            let table = "responses_" + survey.id
            try createResponseTable(db, table)
            try db.execute(sql: "INSERT INTO response_table (survey_id, table_name) VALUES (?, ?)", arguments: [survey.id, table])
            schema = ResponseSchema(surveyId: survey.id, tableName: table, columns: [])
        }
        var result = schema!
        for column in result.columnsToAdd(for: survey) {
            try addResponseColumn(db, result.tableName, column)
            try db.execute(
                sql: "INSERT INTO response_column (survey_id, name, affinity, position) VALUES (?, ?, ?, ?)",
                arguments: [survey.id, column.name, column.affinity, result.columns.count])
            result.columns.append(column)
        }
        try indexRegion(db, result)
        return result
    }

    /// Creates a response table with its fixed columns.
    func createResponseTable(_ db: Database, _ table: String) throws {
        try db.execute(
            sql: """
                CREATE TABLE \(Self.quoted(table)) (
                    response_id TEXT PRIMARY KEY NOT NULL,
                    survey_version TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    content_sha256 TEXT NOT NULL
                )
                """)
    }

    func addResponseColumn(_ db: Database, _ table: String, _ column: ResponseColumn) throws {
        try db.execute(sql: "ALTER TABLE \(Self.quoted(table)) ADD COLUMN \(Self.quoted(column.name)) \(column.affinity)")
    }

    /// Reports are made region by region: an index on the region answer turns each regional
    /// table into a range read instead of a scan of every response.
    func indexRegion(_ db: Database, _ schema: ResponseSchema) throws {
        guard schema.columns.contains(where: { $0.name == "region" }) else { return }
        try db.execute(
            sql: "CREATE INDEX IF NOT EXISTS \(Self.quoted(schema.tableName + "_region")) ON \(Self.quoted(schema.tableName)) (\"region\")")
    }

    /// Calls `body` for each stored response, ordered by response id, reading with a cursor.
    public func forEachResponse(surveyId: String, _ body: (StoredResponse) throws -> Void) throws {
        try writer.read { db in
            guard let schema = try schema(db, surveyId) else { return }
            let columns = (["response_id", "survey_version", "origin"] + schema.columns.map(\.name)).map(Self.quoted).joined(separator: ", ")
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(Self.quoted(schema.tableName)) ORDER BY response_id")
            while let row = try cursor.next() { try body(Self.storedResponse(row, schema)) }
        }
    }

    /// A response read with `response_id, survey_version, origin` then every schema column.
    static func storedResponse(_ row: Row, _ schema: ResponseSchema) -> StoredResponse {
        var values: [String: String] = [:]
        for (index, column) in schema.columns.enumerated() {
            if let text = canonicalText(row[index + 3] as DatabaseValue) { values[column.name] = text }
        }
        return StoredResponse(responseId: row[0], surveyVersion: row[1], origin: row[2], values: values)
    }

    /// Stored values back to canonical text: integers without `.0`, reals as the validator writes them.
    static func canonicalText(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let number): String(number)
        case .double(let number): AnswerParsing.canonical(number)
        case .string(let text): text
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }
}

extension AppDatabase {
    /// The canonical values of some answer columns, one array per column, aligned by response (in
    /// response id order). A variable the table lacks reads as unanswered.
    public func responseColumns(surveyId: String, names: [String], where conditions: [(column: String, value: String)] = []) throws -> (
        count: Int, columns: [String: [String?]]
    ) {
        try writer.read { db in
            guard let schema = try schema(db, surveyId) else { return (0, Dictionary(uniqueKeysWithValues: names.map { ($0, []) })) }
            let known = Set(schema.columns.map(\.name))
            let present = Array(Set(names.filter(known.contains))).sorted()
            var columns = Dictionary(uniqueKeysWithValues: present.map { ($0, [String?]()) })
            var count = 0
            let select = present.isEmpty ? "1" : present.map(Self.quoted).joined(separator: ", ")
            let (whereSQL, arguments) = Self.whereClause(conditions, known)
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT \(select) FROM \(Self.quoted(schema.tableName))\(whereSQL) ORDER BY response_id", arguments: arguments)
            while let row = try cursor.next() {
                count += 1
                for (index, name) in present.enumerated() { columns[name]!.append(Self.canonicalText(row[index] as DatabaseValue)) }
            }
            for name in names where !known.contains(name) { columns[name] = Array(repeating: nil, count: count) }
            return (count, columns)
        }
    }
}

extension AppDatabase {
    /// How many responses have each combination of values of some columns (`GROUP BY` in SQLite):
    /// tables without a filter need only these counts, not a million rows.
    public func responseGroupCounts(surveyId: String, names: [String], where conditions: [(column: String, value: String)] = []) throws -> [(
        values: [String?], count: Int
    )] {
        try writer.read { db in
            guard let schema = try schema(db, surveyId) else { return [] }
            let known = Set(schema.columns.map(\.name))
            let selected = names.map { known.contains($0) ? Self.quoted($0) : "NULL" }
            let list = selected.joined(separator: ", ")
            let (whereSQL, arguments) = Self.whereClause(conditions, known, scan: true)
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT \(list), COUNT(*) FROM \(Self.quoted(schema.tableName))\(whereSQL) GROUP BY \(list)", arguments: arguments)
            var result: [(values: [String?], count: Int)] = []
            while let row = try cursor.next() {
                result.append((names.indices.map { Self.canonicalText(row[$0] as DatabaseValue) }, row[names.count]))
            }
            return result
        }
    }

    /// A numeric column's values with an optional grouping column, read as numbers directly.
    public func responseNumbers(surveyId: String, value: String, group: String?, where conditions: [(column: String, value: String)] = []) throws
        -> [(group: String?, value: Double?)]
    {
        try writer.read { db in
            guard let schema = try schema(db, surveyId), schema.columns.contains(where: { $0.name == value }) else { return [] }
            let groupColumn = group.flatMap { g in schema.columns.contains { $0.name == g } ? Self.quoted(g) : nil } ?? "NULL"
            let (whereSQL, arguments) = Self.whereClause(conditions, Set(schema.columns.map(\.name)), scan: true)
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT \(groupColumn), \(Self.quoted(value)) FROM \(Self.quoted(schema.tableName))\(whereSQL)", arguments: arguments)
            var result: [(group: String?, value: Double?)] = []
            while let row = try cursor.next() {
                let number: Double? =
                    switch (row[1] as DatabaseValue).storage {
                    case .double(let x): x
                    case .int64(let x): Double(x)
                    case .string(let text): Double(text)
                    default: nil
                    }
                result.append((Self.canonicalText(row[0] as DatabaseValue), number))
            }
            return result
        }
    }
}

extension AppDatabase {
    /// ` WHERE "a" = ? AND "b" = ?` with its arguments (placed right after the table name); a condition on a column the table lacks
    /// matches nothing (the answer was never given).
    /// With `scan`, a query without conditions reads the table directly (`NOT INDEXED`): for a
    /// GROUP BY over every row, a plain scan beats walking the region index.
    static func whereClause(_ conditions: [(column: String, value: String)], _ known: Set<String>, scan: Bool = false) -> (String, StatementArguments)
    {
        guard !conditions.isEmpty else { return (scan ? " NOT INDEXED" : "", []) }
        let parts = conditions.map { known.contains($0.column) ? "\(quoted($0.column)) = ?" : "0" }
        let values = conditions.filter { known.contains($0.column) }.map(\.value)
        return (" WHERE " + parts.joined(separator: " AND "), StatementArguments(values))
    }
}

import FabriqueCore
import GRDB

/// One line of the response browser.
public struct ResponseSummary: Sendable, Equatable {
    public var responseId: String
    public var origin: String
    public var surveyVersion: String
    public var region: String?
}

extension AppDatabase {
    /// A page of stored responses (by response id), filtered on answer or `origin` equality, with the total count.
    /// `regions`, when given, keeps only responses whose `region` answer is one of them (an
    /// account's scope): a survey without a `region` question then shows none.
    public func responseSummaries(
        surveyId: String, where conditions: [(column: String, value: String)], regions: [String]? = nil,
        limit: Int, offset: Int
    ) throws -> (total: Int, rows: [ResponseSummary]) {
        try writer.read { db in
            guard let schema = try schema(db, surveyId) else { return (0, []) }
            let known = Set(schema.columns.map(\.name) + ["origin"])
            var (whereSQL, arguments) = Self.whereClause(conditions, known)
            if let regions {
                let test =
                    known.contains("region") && !regions.isEmpty
                    ? "\"region\" IN (" + Array(repeating: "?", count: regions.count).joined(separator: ", ") + ")" : "0"
                whereSQL += (whereSQL.isEmpty ? " WHERE " : " AND ") + test
                if test != "0" { arguments += StatementArguments(regions) }
            }
            let table = Self.quoted(schema.tableName)
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)\(whereSQL)", arguments: arguments) ?? 0
            let region = schema.columns.contains { $0.name == "region" } ? "\"region\"" : "NULL"
            var pageArguments = arguments
            pageArguments += [limit, offset]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT response_id, origin, survey_version, \(region) FROM \(table)\(whereSQL) ORDER BY response_id LIMIT ? OFFSET ?
                    """, arguments: pageArguments
            ).map { row in
                ResponseSummary(responseId: row[0], origin: row[1], surveyVersion: row[2], region: Self.canonicalText(row[3] as DatabaseValue))
            }
            return (total, rows)
        }
    }

    /// One stored response, or nil.
    public func response(surveyId: String, responseId: String) throws -> StoredResponse? {
        try writer.read { db in try storedResponse(db, surveyId, responseId) }
    }

    /// Replaces a stored response's answers and writes the audit entry (who, when, before, after)
    /// in the same transaction. `fieldNames` orders `values`; stored columns not named are cleared.
    public func editResponse(survey: Survey, responseId: String, fieldNames: [String], values: [String?], actor: String, at: String) throws {
        do {
            try writer.write { db in
                guard let before = try storedResponse(db, survey.id, responseId) else { throw StoreError.unknownResponse(responseId) }
                let schema = try ensureResponseTable(db, survey)
                var pending: ResponseBatch? = ResponseBatch(width: values.count)
                pending?.append(line: 0, responseId: responseId, values: values)
                _ = try ResponseBulkWriter(
                    db: db, schema: schema, fieldNames: fieldNames, version: before.surveyVersion, origin: before.origin,
                    policy: .update
                ).write {
                    defer { pending = nil }
                    return pending
                }
                guard let after = try storedResponse(db, survey.id, responseId) else { throw StoreError.unknownResponse(responseId) }
                try db.execute(
                    sql: """
                        INSERT INTO response_edit (survey_id, response_id, actor, at, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [survey.id, responseId, actor, at, try StoredJSON.encode(before.values), try StoredJSON.encode(after.values)])
            }
        } catch {
            throw wrap(error, doing: "editing response '\(responseId)'")
        }
    }

    /// The audit log of a response's edits, oldest first.
    public func responseEdits(surveyId: String, responseId: String) throws -> [ResponseEdit] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT actor, at, before_json, after_json FROM response_edit WHERE survey_id = ? AND response_id = ? ORDER BY id
                    """, arguments: [surveyId, responseId]
            ).map { row in
                ResponseEdit(
                    actor: row["actor"], at: row["at"], before: try StoredJSON.decode([String: String].self, from: row["before_json"]),
                    after: try StoredJSON.decode([String: String].self, from: row["after_json"]))
            }
        }
    }

    func storedResponse(_ db: Database, _ surveyId: String, _ responseId: String) throws -> StoredResponse? {
        guard let schema = try schema(db, surveyId) else { return nil }
        let columns = (["response_id", "survey_version", "origin"] + schema.columns.map(\.name)).map(Self.quoted).joined(separator: ", ")
        return try Row.fetchOne(
            db, sql: "SELECT \(columns) FROM \(Self.quoted(schema.tableName)) WHERE response_id = ?",
            arguments: [responseId]
        ).map { Self.storedResponse($0, schema) }
    }
}

import FabriqueCore
import PostgresNIO

extension PostgresStore: SubmissionStore {
    /// A link is used once: the `UPDATE … WHERE submitted_at IS NULL` of a second server waits for
    /// the first one's transaction, then finds the link used and stores nothing.
    public func submitResponses(survey: Survey, fieldNames: [String], _ submissions: [Submission]) async throws -> [Result<Bool, any Error>] {
        try transaction(doing: "storing responses") { connection in
            let schema = try ensureResponseTable(connection, survey)
            let index = schema.index
            let affinities = fieldNames.map { name in index[name].map { schema.columns[$0].affinity } ?? "TEXT" }
            let table = AppDatabase.quoted(schema.tableName)
            let columns = (["response_id", "survey_version", "origin", "content_sha256"] + fieldNames.map(AppDatabase.quoted))
            let placeholders = (1...columns.count).map { "$\($0)" }.joined(separator: ", ")
            let insert = """
                INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))
                ON CONFLICT (response_id) DO NOTHING RETURNING 1
                """
            return try submissions.map { submission in
                try connection.run("SAVEPOINT submission", logger)
                let result = Result<Bool, any Error> {
                    let used = try connection.run(
                        """
                        UPDATE invitation SET submitted_at = \(submission.at), response_id = \(submission.responseId),
                            receipt_sha256 = \(submission.receiptSHA256), draft_json = NULL
                        WHERE id = \(submission.invitationId) AND submitted_at IS NULL AND \(unescaped: AppDatabase.surveyOpen)
                        """, logger)
                    guard used.metadata.rows == 1 else { return false }
                    let digest = ResponseBatch.digest(of: submission.values)
                    var bindings = PostgresBindings()
                    bindings.append(submission.responseId)
                    bindings.append(survey.version)
                    bindings.append("web")
                    bindings.append(digest)
                    for (value, affinity) in zip(submission.values, affinities) {
                        bindings.append(value.map { PostgresValues.stored($0, affinity: affinity) })
                    }
                    if try connection.run(PostgresQuery(unsafeSQL: insert, binds: bindings), logger).isEmpty {
                        let stored = try connection.run(
                            "SELECT content_sha256 FROM \(unescaped: table) WHERE response_id = \(submission.responseId)", logger)
                        if try stored.first?.decode(String.self) != digest {
                            throw StoreError.duplicateResponse(responseId: submission.responseId, line: 0)
                        }
                    }
                    return true
                }
                switch result {
                case .success(true): try connection.run("RELEASE SAVEPOINT submission", logger)
                default: try connection.run("ROLLBACK TO SAVEPOINT submission", logger)
                }
                return result
            }
        }
    }
}

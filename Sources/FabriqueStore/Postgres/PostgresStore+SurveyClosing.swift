import PostgresNIO

/// Closing a survey on PostgreSQL. Unlinking goes through `secureWrite`, as on SQLite: the severed
/// values are vacuumed away once committed.
extension PostgresStore: SurveyClosingStore {
    public func closeSurvey(id: String, at: String, unlink: Bool, actor: String) throws -> ClosingReport {
        let doing = "closing survey '\(id)'"
        guard unlink else { return try transaction(doing: doing) { connection in try close(id, at: at, connection) } }
        return try secureWrite(doing: doing, dryRun: false) { connection, _ in
            var report = try close(id, at: at, connection)
            // One statement severs the invitations and counts what they held, read under the rows'
            // locks: a response submitted meanwhile is either counted and unlinked, or not yet there.
            (report.invitationsUnlinked, report.responsesUnlinked, report.draftsDeleted) = try connection.run(
                """
                WITH unlinked AS (
                    UPDATE invitation i SET
                        region_code = COALESCE(i.region_code, c.region_code), approaches = COALESCE(i.approaches, c.approaches),
                        contact_id = NULL, response_id = NULL, draft_json = NULL, draft_page = NULL, draft_updated_at = NULL
                    FROM (SELECT id, contact_id, response_id, draft_json FROM invitation WHERE survey_id = \(id) FOR UPDATE) previous
                    LEFT JOIN contact c ON c.id = previous.contact_id
                    WHERE i.id = previous.id
                    RETURNING previous.contact_id, previous.response_id, previous.draft_json)
                SELECT count(contact_id), count(response_id), count(draft_json) FROM unlinked
                """, logger
            )[0].decode((Int, Int, Int).self)
            try connection.run("UPDATE survey_closing SET unlinked_at = \(at) WHERE survey_id = \(id)", logger)
            try logErasure(
                connection, kind: "unlink", surveyId: id, reason: "survey closed with --unlink", actor: actor, at: at,
                counts: [
                    "invitations": report.invitationsUnlinked, "responses": report.responsesUnlinked, "drafts": report.draftsDeleted
                ])
            return report
        }
    }

    public func reopenSurvey(id: String) throws -> Bool {
        try transaction(doing: "reopening survey '\(id)'") { connection in
            try lockSurvey(id, connection)
            return try connection.run(
                "UPDATE survey_closing SET closed_at = NULL WHERE survey_id = \(id) AND closed_at IS NOT NULL", logger
            ).metadata.rows == 1
        }
    }

    public func surveyClosing(id: String) throws -> SurveyClosing? {
        try query("SELECT closed_at, unlinked_at FROM survey_closing WHERE survey_id = \(id)", doing: "reading the closing of survey '\(id)'")
            .first.map { row in
                let (closedAt, unlinkedAt) = try row.decode((String?, String?).self)
                return SurveyClosing(closedAt: closedAt, unlinkedAt: unlinkedAt)
            }
    }

    /// Marks a survey closed, keeping the time of a first closing; says whether it was open.
    private func close(_ id: String, at: String, _ connection: PostgresConnection) throws -> ClosingReport {
        try lockSurvey(id, connection)
        let closedAt = try connection.run("SELECT closed_at FROM survey_closing WHERE survey_id = \(id)", logger).first?.decode(String?.self)
        try connection.run(
            """
            INSERT INTO survey_closing (survey_id, closed_at) VALUES (\(id), \(at))
            ON CONFLICT (survey_id) DO UPDATE SET closed_at = COALESCE(survey_closing.closed_at, EXCLUDED.closed_at)
            """, logger)
        return ClosingReport(wasOpen: closedAt == nil)
    }

    /// Takes the survey's row for the transaction, so that closings and reopenings of one survey
    /// follow each other as SQLite's single writer orders them (`wasOpen` and the answer of
    /// `reopenSurvey` stay exact). `NO KEY UPDATE`: new invitations, which only reference the row,
    /// are not held up. `StoreError.unknownSurvey` when there is no such survey.
    private func lockSurvey(_ id: String, _ connection: PostgresConnection) throws {
        guard try !connection.run("SELECT 1 FROM survey WHERE id = \(id) FOR NO KEY UPDATE", logger).isEmpty else {
            throw StoreError.unknownSurvey(id)
        }
    }
}

import Foundation
import PostgresNIO

/// Erasure on PostgreSQL: the same rows go as on SQLite, in one transaction, followed by a
/// `VACUUM` of the tables touched (see `secureWrite`). Rows are locked as they are read, so that
/// a submission or an invitation racing with the erasure either finishes first and is erased with
/// the rest, or comes after and finds nothing.
extension PostgresStore: PrivacyStore {
    public func eraseContact(email: String, reason: String, actor: String, at: String, dryRun: Bool) throws -> ErasureReport {
        try Self.checkReason(reason)
        return try secureWrite(doing: "erasing a contact", dryRun: dryRun) { connection, tables in
            // The lock keeps new invitations of this contact out until the commit.
            guard let row = try connection.run("SELECT id, email, name FROM contact WHERE lower(email) = lower(\(email)) FOR UPDATE", logger).first
            else {
                throw PrivacyError.unknownContact(email: email)
            }
            let (contactId, storedEmail, name) = try row.decode((Int64, String, String).self)
            var report = ErasureReport()
            report.add(.contact, nil, "\(storedEmail) (\(name))")
            let invitations = try connection.run(
                """
                SELECT survey_id, created_at, draft_json IS NOT NULL, draft_updated_at, submitted_at, response_id
                FROM invitation WHERE contact_id = \(contactId) ORDER BY survey_id COLLATE "C" FOR UPDATE
                """, logger)
            for invitation in invitations {
                let (surveyId, createdAt, draft, draftUpdatedAt, submittedAt, responseId) = try invitation.decode(
                    (String, String, Bool, String?, String?, String?).self)
                report.add(.invitation, surveyId, "created \(createdAt)" + (submittedAt.map { ", submitted \($0)" } ?? ""))
                if draft { report.add(.draft, surveyId, "saved \(draftUpdatedAt ?? "?")") }
                if let responseId {
                    try eraseResponseRow(connection, surveyId: surveyId, responseId: responseId, at: at, into: &report, tables: &tables)
                }
            }
            try connection.run("DELETE FROM invitation WHERE contact_id = \(contactId)", logger)
            try connection.run("DELETE FROM contact WHERE id = \(contactId)", logger)
            try logErasure(connection, kind: "contact", surveyId: nil, reason: reason, actor: actor, at: at, counts: report.counts)
            return report
        }
    }

    public func eraseResponse(surveyId: String, responseId: String, reason: String, actor: String, at: String, dryRun: Bool) throws
        -> ErasureReport
    {
        try Self.checkReason(reason)
        return try secureWrite(doing: "erasing response '\(responseId)'", dryRun: dryRun) { connection, tables in
            var report = ErasureReport()
            // Locked: of two erasures of one response, the second finds it gone, as on SQLite.
            guard try storedResponse(connection, surveyId, responseId, locking: true) != nil else {
                throw PrivacyError.unknownResponse(survey: surveyId, responseId: responseId)
            }
            try eraseResponseRow(connection, surveyId: surveyId, responseId: responseId, at: at, into: &report, tables: &tables)
            let unlinked = try connection.run(
                """
                UPDATE invitation SET response_id = NULL, draft_json = NULL, draft_page = NULL, draft_updated_at = NULL
                WHERE survey_id = \(surveyId) AND response_id = \(responseId)
                """, logger)
            if (unlinked.metadata.rows ?? 0) > 0 { report.add(.unlinkedInvitation, surveyId, "kept as used, no longer linked to the response") }
            try logErasure(connection, kind: "response", surveyId: surveyId, reason: reason, actor: actor, at: at, counts: report.counts)
            return report
        }
    }

    public func erasureLog() throws -> [ErasureLogEntry] {
        try query("SELECT at, actor, kind, survey_id, reason, counts_json FROM erasure_log ORDER BY id", doing: "reading the erasure log").map {
            row in
            let (at, actor, kind, surveyId, reason, counts) = try row.decode((String, String, String, String?, String, String).self)
            return ErasureLogEntry(
                at: at, actor: actor, kind: kind, surveyId: surveyId, reason: reason, counts: try StoredJSON.decode([String: Int].self, from: counts))
        }
    }

    /// Deletes a response row and tombstones its edit-log entries; adds its table to those to vacuum.
    func eraseResponseRow(
        _ connection: PostgresConnection, surveyId: String, responseId: String, at: String, into report: inout ErasureReport,
        tables: inout Set<String>
    ) throws {
        guard let schema = try schema(connection, surveyId) else { return }
        tables.insert(schema.tableName)
        let deleted = try connection.run(
            "DELETE FROM \(unescaped: AppDatabase.quoted(schema.tableName)) WHERE response_id = \(responseId)", logger)
        if (deleted.metadata.rows ?? 0) > 0 { report.add(.response, surveyId, responseId) }
        let edits =
            try connection.run(
                """
                UPDATE response_edit SET before_json = '{}', after_json = '{}', details_erased_at = \(at)
                WHERE details_erased_at IS NULL AND survey_id = \(surveyId) AND response_id = \(responseId)
                """, logger
            ).metadata.rows ?? 0
        for _ in 0..<edits { report.add(.auditEntry, surveyId, "edit of \(responseId): before/after values replaced by a tombstone") }
    }

    func logErasure(
        _ connection: PostgresConnection, kind: String, surveyId: String?, reason: String, actor: String, at: String, counts: [String: Int]
    ) throws {
        try connection.run(
            """
            INSERT INTO erasure_log (at, actor, kind, survey_id, reason, counts_json)
            VALUES (\(at), \(actor), \(kind), \(surveyId), \(reason), \(try StoredJSON.encode(counts)))
            """, logger)
    }

    private static func checkReason(_ reason: String) throws {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw PrivacyError.missingReason }
    }
}

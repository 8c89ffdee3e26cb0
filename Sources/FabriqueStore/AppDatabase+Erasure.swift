import Foundation
import GRDB

extension AppDatabase {
    /// Erases a contact (RGPD article 17): the contact, their invitations and drafts, the responses
    /// those invitations stored, and the before/after values of those responses' edit-log entries
    /// (the entries stay, tombstoned). One transaction, with `secure_delete` on, then the file is
    /// compacted so that no old copy of the data stays in free space. The erasure log records who,
    /// when, why and how many, not the data. `dryRun` reports what would go and changes nothing.
    public func eraseContact(email: String, reason: String, actor: String, at: String, dryRun: Bool = false) throws -> ErasureReport {
        try checkReason(reason)
        return try secureWrite(doing: "erasing a contact", dryRun: dryRun) { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, email, name FROM contact WHERE email = ?", arguments: [email]) else {
                throw PrivacyError.unknownContact(email: email)
            }
            let contactId: Int64 = row["id"]
            var report = ErasureReport()
            report.add(.contact, nil, "\(row["email"] as String) (\(row["name"] as String))")
            let invitations = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, survey_id, created_at, draft_json IS NOT NULL AS draft, draft_updated_at, submitted_at, response_id
                    FROM invitation WHERE contact_id = ? ORDER BY survey_id
                    """, arguments: [contactId])
            for invitation in invitations {
                let surveyId: String = invitation["survey_id"]
                report.add(
                    .invitation, surveyId,
                    "created \(invitation["created_at"] as String)"
                        + ((invitation["submitted_at"] as String?).map { ", submitted \($0)" } ?? ""))
                if invitation["draft"] as Bool {
                    report.add(.draft, surveyId, "saved \((invitation["draft_updated_at"] as String?) ?? "?")")
                }
                if let responseId: String = invitation["response_id"] {
                    try eraseResponseRow(db, surveyId: surveyId, responseId: responseId, at: at, into: &report)
                }
            }
            try db.execute(sql: "DELETE FROM invitation WHERE contact_id = ?", arguments: [contactId])
            try db.execute(sql: "DELETE FROM contact WHERE id = ?", arguments: [contactId])
            try logErasure(db, kind: "contact", surveyId: nil, reason: reason, actor: actor, at: at, counts: report.counts)
            return report
        }
    }

    /// Erases one stored response: its row, and the before/after values of its edit-log entries.
    /// The invitation that stored it stays, marked as used, so that the person is not invited again;
    /// it no longer points at anything. Same transaction, secure deletion and log as `eraseContact`.
    public func eraseResponse(
        surveyId: String, responseId: String, reason: String, actor: String, at: String,
        dryRun: Bool = false
    ) throws -> ErasureReport {
        try checkReason(reason)
        return try secureWrite(doing: "erasing response '\(responseId)'", dryRun: dryRun) { db in
            var report = ErasureReport()
            guard try storedResponse(db, surveyId, responseId) != nil else {
                throw PrivacyError.unknownResponse(survey: surveyId, responseId: responseId)
            }
            try eraseResponseRow(db, surveyId: surveyId, responseId: responseId, at: at, into: &report)
            try db.execute(
                sql: """
                    UPDATE invitation SET response_id = NULL, draft_json = NULL, draft_page = NULL, draft_updated_at = NULL
                    WHERE survey_id = ? AND response_id = ?
                    """, arguments: [surveyId, responseId])
            if db.changesCount > 0 { report.add(.unlinkedInvitation, surveyId, "kept as used, no longer linked to the response") }
            try logErasure(db, kind: "response", surveyId: surveyId, reason: reason, actor: actor, at: at, counts: report.counts)
            return report
        }
    }

    /// The erasure log, oldest first.
    public func erasureLog() throws -> [ErasureLogEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT at, actor, kind, survey_id, reason, counts_json FROM erasure_log ORDER BY id").map { row in
                ErasureLogEntry(
                    at: row["at"], actor: row["actor"], kind: row["kind"], surveyId: row["survey_id"], reason: row["reason"],
                    counts: try StoredJSON.decode([String: Int].self, from: row["counts_json"]))
            }
        }
    }

    /// Deletes a response row and tombstones its edit-log entries.
    func eraseResponseRow(_ db: Database, surveyId: String, responseId: String, at: String, into report: inout ErasureReport) throws {
        guard let schema = try schema(db, surveyId) else { return }
        try db.execute(sql: "DELETE FROM \(Self.quoted(schema.tableName)) WHERE response_id = ?", arguments: [responseId])
        if db.changesCount > 0 { report.add(.response, surveyId, responseId) }
        let edits = try tombstoneEdits(db, sql: "survey_id = ? AND response_id = ?", arguments: [surveyId, responseId], at: at)
        for _ in 0..<edits { report.add(.auditEntry, surveyId, "edit of \(responseId): before/after values replaced by a tombstone") }
    }

    /// Replaces the before/after values of the edit-log entries matching `sql` with empty objects,
    /// dated in `details_erased_at`. Returns how many entries changed.
    func tombstoneEdits(_ db: Database, sql condition: String, arguments: StatementArguments, at: String) throws -> Int {
        var all: StatementArguments = [at]
        all += arguments
        try db.execute(
            sql: """
                UPDATE response_edit SET before_json = '{}', after_json = '{}', details_erased_at = ?
                WHERE details_erased_at IS NULL AND \(condition)
                """, arguments: all)
        return db.changesCount
    }

    func logErasure(_ db: Database, kind: String, surveyId: String?, reason: String, actor: String, at: String, counts: [String: Int]) throws {
        try db.execute(
            sql: "INSERT INTO erasure_log (at, actor, kind, survey_id, reason, counts_json) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [at, actor, kind, surveyId, reason, try StoredJSON.encode(counts)])
    }

    private func checkReason(_ reason: String) throws {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw PrivacyError.missingReason }
    }
}

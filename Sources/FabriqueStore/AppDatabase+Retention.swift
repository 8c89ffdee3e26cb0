import FabriqueCore
import Foundation
import GRDB

extension AppDatabase {
    /// Applies the surveys' retention periods as of `now`, in one transaction with secure deletion
    /// (see `secureWrite`), and logs the purge in the erasure log. For each survey, in this order:
    /// edit-log details older than `audit_details` are tombstoned; unsent drafts last saved before
    /// `drafts` are deleted; unused invitations created before `invitations` expire (their link
    /// stops working, the row stays so that response rates still count it). Then a contact is
    /// removed when every survey it was invited to has a `contacts` period that has passed since
    /// that survey's last activity and none of its invitations is still live (unused, unexpired,
    /// on an open survey); its invitations are kept, unlinked, with the region and approaches, so
    /// response rates stay. `dryRun` counts and changes nothing.
    /// The log and the tombstones are dated at the real time of the purge, not at `now`.
    public func purge(policies: [String: RetentionPolicy], now: Date, actor: String, dryRun: Bool = false) throws -> [RetentionCount] {
        let at = Self.timestamp(Date())
        return try secureWrite(doing: "purging expired personal data", dryRun: dryRun) { db in
            let counts = try applyRetention(db, policies: policies, now: now, at: at)
            let total = counts.reduce(into: [String: Int]()) { $0[$1.kind.rawValue, default: 0] += $1.count }
            if total.values.contains(where: { $0 > 0 }) {
                try logErasure(
                    db, kind: "retention", surveyId: nil, reason: "retention periods of the survey files", actor: actor, at: at,
                    counts: total)
            }
            return counts
        }
    }

    /// What `purge` would remove as of `now`: the same work, rolled back, without the file compaction.
    public func retentionDue(policies: [String: RetentionPolicy], now: Date) throws -> [RetentionCount] {
        do {
            var counts: [RetentionCount] = []
            try writer.writeWithoutTransaction { db in
                try db.inTransaction {
                    counts = try applyRetention(db, policies: policies, now: now, at: Self.timestamp(Date()))
                    return .rollback
                }
            }
            return counts
        } catch {
            throw wrap(error, doing: "counting expired personal data")
        }
    }

    /// ISO 8601 in UTC, as every stored time is written (so that times compare as text).
    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    private func applyRetention(_ db: Database, policies: [String: RetentionPolicy], now: Date, at: String) throws -> [RetentionCount] {
        var counts: [RetentionCount] = []
        var contactsExpired: [String] = []
        for (surveyId, policy) in policies.sorted(by: { $0.key < $1.key }) {
            func cutoff(_ period: RetentionPeriod?) -> String? { period.map { Self.timestamp($0.cutoff(before: now)) } }
            func record(_ kind: RetentionKind, _ count: Int) { counts.append(RetentionCount(surveyId: surveyId, kind: kind, count: count)) }
            if let limit = cutoff(policy.auditDetails) {
                record(.auditDetails, try tombstoneEdits(db, sql: "survey_id = ? AND at < ?", arguments: [surveyId, limit], at: at))
            }
            if let limit = cutoff(policy.drafts) {
                try db.execute(
                    sql: """
                        UPDATE invitation SET draft_json = NULL, draft_page = NULL, draft_updated_at = NULL
                        WHERE survey_id = ? AND submitted_at IS NULL AND draft_json IS NOT NULL AND draft_updated_at < ?
                        """, arguments: [surveyId, limit])
                record(.drafts, db.changesCount)
            }
            if let limit = cutoff(policy.invitations) {
                // The row stays (response rates keep counting the invitation); its link stops working.
                try db.execute(
                    sql: """
                        UPDATE invitation
                        SET token_sha256 = 'expired:' || id, expired_at = ?, draft_json = NULL, draft_page = NULL, draft_updated_at = NULL
                        WHERE survey_id = ? AND submitted_at IS NULL AND expired_at IS NULL AND created_at < ?
                        """, arguments: [at, surveyId, limit])
                record(.invitations, db.changesCount)
            }
            if let limit = cutoff(policy.contacts), let last = try lastActivity(db, surveyId: surveyId), last < limit {
                contactsExpired.append(surveyId)
            }
        }
        counts += try purgeContacts(db, expiredSurveys: contactsExpired, policies: policies)
        return counts
    }

    /// The latest time anything happened in a survey: an invitation, a draft, a submission, an edit, its closing.
    func lastActivity(_ db: Database, surveyId: String) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT MAX(t) FROM (
                    SELECT MAX(created_at) AS t FROM invitation WHERE survey_id = ?1
                    UNION ALL SELECT MAX(draft_updated_at) FROM invitation WHERE survey_id = ?1
                    UNION ALL SELECT MAX(submitted_at) FROM invitation WHERE survey_id = ?1
                    UNION ALL SELECT MAX(at) FROM response_edit WHERE survey_id = ?1
                    UNION ALL SELECT closed_at FROM survey_closing WHERE survey_id = ?1)
                """, arguments: [surveyId])
    }

    /// Removes the contacts whose every survey is in `expiredSurveys` and who have no live
    /// invitation; each is counted under the survey of its latest invitation.
    private func purgeContacts(_ db: Database, expiredSurveys: [String], policies: [String: RetentionPolicy]) throws -> [RetentionCount] {
        let withPolicy = policies.filter { $0.value.contacts != nil }.keys.sorted()
        guard !withPolicy.isEmpty else { return [] }
        let due = try Row.fetchAll(
            db,
            sql: """
                SELECT c.id, (SELECT i.survey_id FROM invitation i WHERE i.contact_id = c.id ORDER BY i.created_at DESC LIMIT 1) AS survey_id
                FROM contact c
                WHERE EXISTS (SELECT 1 FROM invitation i WHERE i.contact_id = c.id)
                  AND NOT EXISTS (SELECT 1 FROM invitation i WHERE i.contact_id = c.id AND i.survey_id NOT IN (SELECT value FROM json_each(?)))
                  AND NOT EXISTS (SELECT 1 FROM invitation i LEFT JOIN survey_closing k ON k.survey_id = i.survey_id
                                  WHERE i.contact_id = c.id AND i.submitted_at IS NULL AND i.expired_at IS NULL AND k.closed_at IS NULL)
                """, arguments: [try StoredJSON.encode(expiredSurveys)])
        var bySurvey = Dictionary(uniqueKeysWithValues: withPolicy.map { ($0, 0) })
        for row in due {
            let contactId: Int64 = row["id"]
            try unlinkInvitations(db, where: "contact_id = ?", arguments: [contactId])
            try db.execute(sql: "DELETE FROM contact WHERE id = ?", arguments: [contactId])
            let surveyId: String = row["survey_id"]
            bySurvey[surveyId, default: 0] += 1
        }
        return bySurvey.sorted { $0.key < $1.key }.map { RetentionCount(surveyId: $0.key, kind: .contacts, count: $0.value) }
    }

    /// Severs invitations from their contact and response: the contact's region and approaches are
    /// copied onto the invitation (response rates by region stay computable), drafts are deleted.
    func unlinkInvitations(_ db: Database, where condition: String, arguments: StatementArguments) throws {
        try db.execute(
            sql: """
                UPDATE invitation SET
                    region_code = COALESCE(region_code, (SELECT c.region_code FROM contact c WHERE c.id = invitation.contact_id)),
                    approaches = COALESCE(approaches, (SELECT c.approaches FROM contact c WHERE c.id = invitation.contact_id)),
                    contact_id = NULL, response_id = NULL, draft_json = NULL, draft_page = NULL, draft_updated_at = NULL
                WHERE \(condition)
                """, arguments: arguments)
    }
}

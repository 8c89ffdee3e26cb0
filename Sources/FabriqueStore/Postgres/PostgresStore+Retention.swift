import FabriqueCore
import Foundation
import PostgresNIO

/// Retention periods on PostgreSQL: the same steps, counts and log as `AppDatabase.purge`, times
/// compared as text in byte order (`COLLATE "C"`) as SQLite compares them.
extension PostgresStore {
    public func purge(policies: [String: RetentionPolicy], now: Date, actor: String, dryRun: Bool) throws -> [RetentionCount] {
        let at = AppDatabase.timestamp(Date())
        return try secureWrite(doing: "purging expired personal data", dryRun: dryRun) { connection, _ in
            let counts = try applyRetention(connection, policies: policies, now: now, at: at)
            let total = counts.reduce(into: [String: Int]()) { $0[$1.kind.rawValue, default: 0] += $1.count }
            if total.values.contains(where: { $0 > 0 }) {
                try logErasure(
                    connection, kind: "retention", surveyId: nil, reason: "retention periods of the survey files", actor: actor, at: at,
                    counts: total)
            }
            return counts
        }
    }

    public func retentionDue(policies: [String: RetentionPolicy], now: Date) throws -> [RetentionCount] {
        try secureWrite(doing: "counting expired personal data", dryRun: true) { connection, _ in
            try applyRetention(connection, policies: policies, now: now, at: AppDatabase.timestamp(Date()))
        }
    }

    /// Two purges (two servers' cron jobs) follow each other, as SQLite's single writer orders them.
    private func applyRetention(_ connection: PostgresConnection, policies: [String: RetentionPolicy], now: Date, at: String) throws
        -> [RetentionCount]
    {
        try connection.run("SELECT pg_advisory_xact_lock(hashtextextended('fabrique purge', 0))", logger)
        var counts: [RetentionCount] = []
        var contactsExpired: [String] = []
        for (surveyId, policy) in policies.sorted(by: { $0.key < $1.key }) {
            func cutoff(_ period: RetentionPeriod?) -> String? { period.map { AppDatabase.timestamp($0.cutoff(before: now)) } }
            func record(_ kind: RetentionKind, _ result: PostgresQueryResult) {
                counts.append(RetentionCount(surveyId: surveyId, kind: kind, count: result.metadata.rows ?? 0))
            }
            if let limit = cutoff(policy.auditDetails) {
                record(
                    .auditDetails,
                    try connection.run(
                        """
                        UPDATE response_edit SET before_json = '{}', after_json = '{}', details_erased_at = \(at)
                        WHERE details_erased_at IS NULL AND survey_id = \(surveyId) AND at < \(limit) COLLATE "C"
                        """, logger))
            }
            if let limit = cutoff(policy.drafts) {
                record(
                    .drafts,
                    try connection.run(
                        """
                        UPDATE invitation SET draft_json = NULL, draft_page = NULL, draft_updated_at = NULL
                        WHERE survey_id = \(surveyId) AND submitted_at IS NULL AND draft_json IS NOT NULL
                          AND draft_updated_at < \(limit) COLLATE "C"
                        """, logger))
            }
            if let limit = cutoff(policy.invitations) {
                // The row stays (response rates keep counting the invitation); its link stops working.
                record(
                    .invitations,
                    try connection.run(
                        """
                        UPDATE invitation
                        SET token_sha256 = 'expired:' || id, expired_at = \(at), draft_json = NULL, draft_page = NULL, draft_updated_at = NULL
                        WHERE survey_id = \(surveyId) AND submitted_at IS NULL AND expired_at IS NULL AND created_at < \(limit) COLLATE "C"
                        """, logger))
            }
            if let limit = cutoff(policy.contacts), let last = try lastActivity(connection, surveyId: surveyId), last < limit {
                contactsExpired.append(surveyId)
            }
        }
        counts += try purgeContacts(connection, expiredSurveys: contactsExpired, policies: policies)
        return counts
    }

    /// The latest time anything happened in a survey: an invitation, a draft, a submission, an edit, its closing.
    private func lastActivity(_ connection: PostgresConnection, surveyId: String) throws -> String? {
        try connection.run(
            """
            SELECT MAX(t) FROM (
                SELECT MAX(created_at COLLATE "C") AS t FROM invitation WHERE survey_id = \(surveyId)
                UNION ALL SELECT MAX(draft_updated_at COLLATE "C") FROM invitation WHERE survey_id = \(surveyId)
                UNION ALL SELECT MAX(submitted_at COLLATE "C") FROM invitation WHERE survey_id = \(surveyId)
                UNION ALL SELECT MAX(at COLLATE "C") FROM response_edit WHERE survey_id = \(surveyId)
                UNION ALL SELECT closed_at COLLATE "C" FROM survey_closing WHERE survey_id = \(surveyId)) activity
            """, logger
        ).first?.decode(String?.self)
    }
}

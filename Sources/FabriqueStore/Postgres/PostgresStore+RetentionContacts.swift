import FabriqueCore
import PostgresNIO

extension PostgresStore {
    /// A contact `c` is due when it was invited, only to surveys in `$1` (those whose contacts
    /// period has passed), and none of its invitations is live (unused, unexpired, on an open survey).
    private static let contactDue = """
        EXISTS (SELECT 1 FROM invitation i WHERE i.contact_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM invitation i WHERE i.contact_id = c.id AND i.survey_id <> ALL($1::text[]))
        AND NOT EXISTS (SELECT 1 FROM invitation i LEFT JOIN survey_closing k ON k.survey_id = i.survey_id
                        WHERE i.contact_id = c.id AND i.submitted_at IS NULL AND i.expired_at IS NULL AND k.closed_at IS NULL)
        """

    /// Removes the contacts whose every survey is in `expiredSurveys` and who have no live
    /// invitation; each is counted under the survey of its latest invitation (the first one
    /// created, of invitations created at the same time, as SQLite's stable sort picks it).
    ///
    /// The candidates are locked first: inviting a contact takes a share lock on its row, so no
    /// invitation can be added to them until the commit. They are then selected again, with every
    /// invitation committed before the locks were taken in sight: a contact invited meanwhile stays.
    func purgeContacts(_ connection: PostgresConnection, expiredSurveys: [String], policies: [String: RetentionPolicy]) throws
        -> [RetentionCount]
    {
        let withPolicy = policies.filter { $0.value.contacts != nil }.keys.sorted()
        guard !withPolicy.isEmpty else { return [] }
        var bindings = PostgresBindings()
        bindings.append(expiredSurveys)
        let candidates = try connection.run(
            PostgresQuery(unsafeSQL: "SELECT c.id FROM contact c WHERE \(Self.contactDue) ORDER BY c.id FOR UPDATE", binds: bindings), logger
        ).map { try $0.decode(Int64.self) }
        var bySurvey = Dictionary(uniqueKeysWithValues: withPolicy.map { ($0, 0) })
        if !candidates.isEmpty {
            bindings.append(candidates)
            let due = try connection.run(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT c.id, (SELECT i.survey_id FROM invitation i WHERE i.contact_id = c.id
                                      ORDER BY i.created_at COLLATE "C" DESC, i.id LIMIT 1)
                        FROM contact c WHERE c.id = ANY($2) AND \(Self.contactDue)
                        """, binds: bindings), logger
            ).map { try $0.decode((Int64, String).self) }
            let ids = due.map(\.0)
            // The contact's region and approaches are copied onto its invitations (response rates by
            // region stay computable); drafts go with the link to the contact and the response.
            try connection.run(
                """
                UPDATE invitation i SET
                    region_code = COALESCE(i.region_code, c.region_code), approaches = COALESCE(i.approaches, c.approaches),
                    contact_id = NULL, response_id = NULL, draft_json = NULL, draft_page = NULL, draft_updated_at = NULL
                FROM contact c WHERE c.id = i.contact_id AND c.id = ANY(\(ids))
                """, logger)
            try connection.run("DELETE FROM contact WHERE id = ANY(\(ids))", logger)
            for (_, surveyId) in due { bySurvey[surveyId, default: 0] += 1 }
        }
        return bySurvey.sorted { $0.key < $1.key }.map { RetentionCount(surveyId: $0.key, kind: .contacts, count: $0.value) }
    }
}

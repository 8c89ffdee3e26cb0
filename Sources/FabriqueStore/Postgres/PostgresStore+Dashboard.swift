import PostgresNIO

/// The dashboard's counts, grouped and counted by the server instead of in Swift as on SQLite: one
/// row per group comes back, however many invitations a survey has.
extension PostgresStore {
    public func invitationCountsByRegion(surveyId: String, regions: [String]?) throws -> [InvitationCounts] {
        try invitationCounts(surveyId: surveyId, regions: regions, byApproach: false, doing: "counting invitations by region")
    }

    /// A contact's approaches are the words of its `approaches` column (split on spaces, as Swift's
    /// `split` reads them: empty words dropped); one without any counts under NULL.
    public func invitationCountsByApproach(surveyId: String, regions: [String]?) throws -> [InvitationCounts] {
        try invitationCounts(surveyId: surveyId, regions: regions, byApproach: true, doing: "counting invitations by approach")
    }

    public func openLinkCounts(surveyId: String) throws -> (started: Int, submitted: Int) {
        try query(
            "SELECT count(*), count(submitted_at) FROM invitation WHERE survey_id = \(surveyId) AND kind = 'open'",
            doing: "counting the open link's respondents"
        )[0].decode((Int, Int).self)
    }

    public func nonRespondents(surveyId: String, region: String?, regions: [String]?) throws -> [NonRespondent] {
        try query(
            """
            SELECT \(unescaped: Self.contactColumns), i.created_at, i.draft_updated_at
            FROM invitation i JOIN contact c ON c.id = i.contact_id
            WHERE i.survey_id = \(surveyId) AND i.kind = 'personal' AND i.submitted_at IS NULL
              AND (\(region)::text IS NULL OR c.region_code = \(region))
              AND (\(regions)::text[] IS NULL OR c.region_code = ANY(\(regions)::text[]))
            ORDER BY \(unescaped: Self.contactOrder)
            """, doing: "listing the non-respondents"
        ).map { row in
            let cells = row.makeRandomAccess()
            return NonRespondent(
                contact: try Self.contact(row), invitedAt: try cells["created_at"].decode(String.self),
                draftUpdatedAt: try cells["draft_updated_at"].decode(String?.self))
        }
    }

    /// Personal invitations counted by region, or by approach (an invitation once per approach), in
    /// SQLite's order: by key as Swift compares them, a missing key sorting as "~" (after every code).
    private func invitationCounts(surveyId: String, regions: [String]?, byApproach: Bool, doing: String) throws -> [InvitationCounts] {
        let key = byApproach ? "a.approach" : "r.region"
        let approaches = byApproach ? "LEFT JOIN LATERAL unnest(string_to_array(r.approaches, ' ')) AS a(approach) ON a.approach <> ''" : ""
        return try query(
            """
            SELECT \(unescaped: key), count(*),
                count(*) FILTER (WHERE i.submitted_at IS NULL AND i.draft_json IS NOT NULL), count(i.submitted_at)
            FROM invitation i LEFT JOIN contact c ON c.id = i.contact_id
            CROSS JOIN LATERAL (SELECT COALESCE(c.region_code, i.region_code) AS region,
                COALESCE(c.approaches, i.approaches, '') AS approaches) r
            \(unescaped: approaches)
            WHERE i.survey_id = \(surveyId) AND i.kind = 'personal'
              AND (\(regions)::text[] IS NULL OR r.region = ANY(\(regions)::text[]))
            GROUP BY 1 ORDER BY COALESCE(\(unescaped: key), '~') COLLATE "C"
            """, doing: doing
        ).map { row in
            let (key, invited, drafts, submitted) = try row.decode((String?, Int, Int, Int).self)
            var counts = InvitationCounts(key: key)
            (counts.invited, counts.drafts, counts.submitted) = (invited, drafts, submitted)
            return counts
        }
    }
}

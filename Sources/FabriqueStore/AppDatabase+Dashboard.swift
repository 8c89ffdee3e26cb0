import GRDB

extension AppDatabase {
    /// Personal invitations of a survey counted by the contact's region (or, once unlinked from
    /// the contact, by the region the invitation kept).
    /// `regions`, when given, counts only the invitations of those regions (an account's scope).
    public func invitationCountsByRegion(surveyId: String, regions: [String]? = nil) throws -> [InvitationCounts] {
        try invitationRows(surveyId: surveyId, regions: regions).reduce(into: [String?: InvitationCounts]()) { groups, row in
            groups[row.region, default: InvitationCounts(key: row.region)].add(row)
        }.values.sorted { ($0.key ?? "~") < ($1.key ?? "~") }
    }

    /// Personal invitations of a survey counted by approach: a contact who coordinates several
    /// approaches counts in each.
    public func invitationCountsByApproach(surveyId: String, regions: [String]? = nil) throws -> [InvitationCounts] {
        try invitationRows(surveyId: surveyId, regions: regions).reduce(into: [String?: InvitationCounts]()) { groups, row in
            let keys: [String?] = row.approaches.isEmpty ? [nil] : row.approaches.map { $0 }
            for key in keys { groups[key, default: InvitationCounts(key: key)].add(row) }
        }.values.sorted { ($0.key ?? "~") < ($1.key ?? "~") }
    }

    /// Respondents started from the open link: (started, submitted).
    public func openLinkCounts(surveyId: String) throws -> (started: Int, submitted: Int) {
        try writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*), COUNT(submitted_at) FROM invitation WHERE survey_id = ? AND kind = 'open'
                    """, arguments: [surveyId])
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }

    /// The invited contacts who have not submitted, by region then name; `regions`, when given,
    /// keeps those of these regions only (an account's scope).
    public func nonRespondents(surveyId: String, region: String? = nil, regions: [String]? = nil) throws -> [NonRespondent] {
        let found = try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.*, i.created_at AS invited_at, i.draft_updated_at FROM invitation i JOIN contact c ON c.id = i.contact_id
                    WHERE i.survey_id = ?1 AND i.kind = 'personal' AND i.submitted_at IS NULL AND (?2 IS NULL OR c.region_code = ?2)
                    ORDER BY c.region_code, c.name, c.email
                    """, arguments: [surveyId, region]
            ).map { row in
                NonRespondent(contact: Self.contact(row), invitedAt: row["invited_at"], draftUpdatedAt: row["draft_updated_at"])
            }
        }
        guard let regions else { return found }
        return found.filter { $0.contact.regionCode.map(regions.contains) == true }
    }

    fileprivate struct InvitationRow {
        var region: String?
        var approaches: [String]
        var draft: Bool
        var submitted: Bool
    }

    private func invitationRows(surveyId: String, regions: [String]?) throws -> [InvitationRow] {
        let rows = try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT COALESCE(c.region_code, i.region_code) AS region_code, COALESCE(c.approaches, i.approaches, '') AS approaches,
                        i.draft_json IS NOT NULL AS draft, i.submitted_at IS NOT NULL AS submitted
                    FROM invitation i LEFT JOIN contact c ON c.id = i.contact_id WHERE i.survey_id = ? AND i.kind = 'personal'
                    """, arguments: [surveyId]
            ).map { row in
                let approaches: String = row["approaches"]
                return InvitationRow(
                    region: row["region_code"], approaches: approaches.split(separator: " ").map(String.init),
                    draft: row["draft"], submitted: row["submitted"])
            }
        }
        guard let regions else { return rows }
        return rows.filter { $0.region.map(regions.contains) == true }
    }
}

extension InvitationCounts {
    fileprivate mutating func add(_ row: AppDatabase.InvitationRow) {
        invited += 1
        if row.submitted { submitted += 1 } else if row.draft { drafts += 1 }
    }
}

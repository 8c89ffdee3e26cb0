import FabriqueCore
import PostgresNIO

extension PostgresStore: InvitationStore {
    public func saveInvitations(surveyId: String, _ invitations: [NewInvitation], at: String) throws {
        try transaction(doing: "saving invitations") { connection in
            guard try !connection.run("SELECT 1 FROM survey WHERE id = \(surveyId)", logger).isEmpty else {
                throw StoreError.unknownSurvey(surveyId)
            }
            for invitation in invitations {
                let contacts = try connection.run("SELECT id FROM contact WHERE lower(email) = lower(\(invitation.contactEmail))", logger)
                guard let contactId = try contacts.first?.decode(Int64.self) else {
                    throw StoreError.database(doing: "inviting \(invitation.contactEmail)", reason: "no such contact")
                }
                // The partial unique index on (survey_id, contact_id) arbitrates: a concurrent
                // issue for the same contact updates the row the other inserted.
                try connection.run(
                    """
                    INSERT INTO invitation (survey_id, contact_id, kind, token_sha256, created_at)
                    VALUES (\(surveyId), \(contactId), 'personal', \(invitation.tokenSHA256), \(at))
                    ON CONFLICT (survey_id, contact_id) WHERE contact_id IS NOT NULL
                    DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, created_at = EXCLUDED.created_at, expired_at = NULL
                        WHERE invitation.submitted_at IS NULL
                    """, logger)
            }
        }
    }

    public func saveOpenLink(surveyId: String, tokenSHA256: String, at: String) throws {
        try query(
            """
            INSERT INTO open_link (survey_id, token_sha256, created_at) VALUES (\(surveyId), \(tokenSHA256), \(at))
            ON CONFLICT (survey_id) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, created_at = EXCLUDED.created_at
            """, doing: "saving the open link")
    }

    public func openLinkSurvey(tokenSHA256: String) throws -> String? {
        try query("SELECT survey_id FROM open_link WHERE token_sha256 = \(tokenSHA256)", doing: "reading the open link")
            .first?.decode(String.self)
    }

    /// A plain insert: the unique `token_sha256` refuses a token already started, on any server.
    public func startOpenInvitation(surveyId: String, tokenSHA256: String, at: String) throws {
        try query(
            "INSERT INTO invitation (survey_id, kind, token_sha256, created_at) VALUES (\(surveyId), 'open', \(tokenSHA256), \(at))",
            doing: "starting an open response")
    }

    public func invitation(tokenSHA256: String) throws -> Invitation? {
        let rows = try query(
            """
            SELECT i.id, i.survey_id, i.kind, i.draft_json, i.draft_page, i.submitted_at, c.name,
                EXISTS (SELECT 1 FROM survey_closing k WHERE k.survey_id = i.survey_id AND k.closed_at IS NOT NULL)
            FROM invitation i LEFT JOIN contact c ON c.id = i.contact_id WHERE i.token_sha256 = \(tokenSHA256)
            """, doing: "reading an invitation")
        guard let row = rows.first else { return nil }
        let (id, surveyId, kind, draftText, draftPage, submittedAt, contactName, closed) = try row.decode(
            (Int64, String, String, String?, Int?, String?, String?, Bool).self)
        let draft = try draftText.map { try StoredJSON.decode([String: String].self, from: $0) } ?? [:]
        return Invitation(
            id: id, surveyId: surveyId, kind: kind, contactName: contactName, draft: draft, draftPage: draftPage,
            submittedAt: submittedAt, surveyClosed: closed)
    }

    /// One conditional update: a submission or a closing committed first leaves no row to update.
    public func saveDraft(invitationId: Int64, draft: [String: String], page: Int, at: String) throws -> Bool {
        let json = try StoredJSON.encode(draft)
        return try query(
            """
            UPDATE invitation SET draft_json = \(json), draft_page = \(page), draft_updated_at = \(at)
            WHERE id = \(invitationId) AND submitted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM survey_closing k WHERE k.survey_id = invitation.survey_id AND k.closed_at IS NOT NULL)
            """, doing: "saving a draft"
        ).metadata.rows == 1
    }

    public func receipt(receiptSHA256: String) throws -> (surveyId: String, submittedAt: String)? {
        try query("SELECT survey_id, submitted_at FROM invitation WHERE receipt_sha256 = \(receiptSHA256)", doing: "reading a receipt")
            .first.map { try $0.decode((String, String).self) }
    }
}

import FabriqueCore
import GRDB

extension AppDatabase {
    /// Stores personal invitations in one transaction. A contact's unused invitation gets the new
    /// token (the old link stops working); a used one is never touched.
    public func saveInvitations(surveyId: String, _ invitations: [NewInvitation], at: String) throws {
        do {
            try writer.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM survey WHERE id = ?", arguments: [surveyId]) == true else {
                    throw StoreError.unknownSurvey(surveyId)
                }
                for invitation in invitations {
                    guard let contactId = try Int64.fetchOne(db, sql: "SELECT id FROM contact WHERE email = ?", arguments: [invitation.contactEmail])
                    else {
                        throw StoreError.database(doing: "inviting \(invitation.contactEmail)", reason: "no such contact")
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO invitation (survey_id, contact_id, kind, token_sha256, created_at) VALUES (?, ?, 'personal', ?, ?)
                            ON CONFLICT (survey_id, contact_id) WHERE contact_id IS NOT NULL
                            DO UPDATE SET token_sha256 = excluded.token_sha256, created_at = excluded.created_at, expired_at = NULL
                                WHERE submitted_at IS NULL
                            """, arguments: [surveyId, contactId, invitation.tokenSHA256, at])
                }
            }
        } catch {
            throw wrap(error, doing: "saving invitations")
        }
    }

    /// Sets (or replaces) a survey's open link.
    public func saveOpenLink(surveyId: String, tokenSHA256: String, at: String) throws {
        do {
            try writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO open_link (survey_id, token_sha256, created_at) VALUES (?, ?, ?)
                        ON CONFLICT (survey_id) DO UPDATE SET token_sha256 = excluded.token_sha256, created_at = excluded.created_at
                        """, arguments: [surveyId, tokenSHA256, at])
            }
        } catch {
            throw wrap(error, doing: "saving the open link")
        }
    }

    /// The survey an open-link token opens, if any.
    public func openLinkSurvey(tokenSHA256: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT survey_id FROM open_link WHERE token_sha256 = ?", arguments: [tokenSHA256])
        }
    }

    /// Starts an anonymous respondent from an open link: a new invitation of kind `open`.
    public func startOpenInvitation(surveyId: String, tokenSHA256: String, at: String) throws {
        do {
            try writer.write { db in
                try db.execute(
                    sql: "INSERT INTO invitation (survey_id, kind, token_sha256, created_at) VALUES (?, 'open', ?, ?)",
                    arguments: [surveyId, tokenSHA256, at])
            }
        } catch {
            throw wrap(error, doing: "starting an open response")
        }
    }

    /// The invitation a token opens, whether used or not.
    public func invitation(tokenSHA256: String) throws -> Invitation? {
        // One SELECT is consistent on its own (SQLite's implicit transaction), so the read skips
        // GRDB's BEGIN/COMMIT; every form request opens its invitation, and the statement is
        // prepared once per connection.
        try writer.unsafeRead { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT i.id, i.survey_id, i.kind, i.draft_json, i.draft_page, i.submitted_at, c.name,
                        EXISTS (SELECT 1 FROM survey_closing k WHERE k.survey_id = i.survey_id AND k.closed_at IS NOT NULL) AS closed
                    FROM invitation i LEFT JOIN contact c ON c.id = i.contact_id WHERE i.token_sha256 = ?
                    """)
            guard let row = try Row.fetchOne(statement, arguments: [tokenSHA256]) else { return nil }
            let draftText: String? = row["draft_json"]
            let draft = try draftText.map { try StoredJSON.decode([String: String].self, from: $0) } ?? [:]
            return Invitation(
                id: row["id"], surveyId: row["survey_id"], kind: row["kind"], contactName: row["name"], draft: draft,
                draftPage: row["draft_page"], submittedAt: row["submitted_at"], surveyClosed: row["closed"])
        }
    }

    /// Saves a draft. Returns false, saving nothing, when the invitation was used or its survey closed meanwhile.
    public func saveDraft(invitationId: Int64, draft: [String: String], page: Int, at: String) throws -> Bool {
        do {
            return try writer.write { db in
                try db.execute(
                    sql: """
                        UPDATE invitation SET draft_json = ?, draft_page = ?, draft_updated_at = ? WHERE id = ? AND submitted_at IS NULL
                        AND \(Self.surveyOpen)
                        """, arguments: [try StoredJSON.encode(draft), page, at, invitationId])
                return db.changesCount == 1
            }
        } catch {
            throw wrap(error, doing: "saving a draft")
        }
    }

    /// Stores several submitted responses in **one** durable transaction (one sync to disk for
    /// all: group commit), each in its own savepoint, so that a used link or a bad row fails
    /// alone. The results are in input order: true stored, false refused (link already used).
    public func submitResponses(survey: Survey, fieldNames: [String], _ submissions: [Submission]) async throws -> [Result<Bool, any Error>] {
        do {
            return try await writer.write { db in
                let schema = try self.ensureResponseTable(db, survey)
                let writer = try ResponseBulkWriter(
                    db: db, schema: schema, fieldNames: fieldNames, version: survey.version, origin: "web", policy: .error)
                return submissions.map { submission in
                    Result {
                        var stored = false
                        try db.inSavepoint {
                            try db.execute(
                                sql: """
                                    UPDATE invitation SET submitted_at = ?, response_id = ?, receipt_sha256 = ?, draft_json = NULL
                                    WHERE id = ? AND submitted_at IS NULL AND \(Self.surveyOpen)
                                    """, arguments: [submission.at, submission.responseId, submission.receiptSHA256, submission.invitationId])
                            guard db.changesCount == 1 else { return .rollback }
                            var pending: ResponseBatch? = ResponseBatch(width: submission.values.count)
                            pending?.append(line: 0, responseId: submission.responseId, values: submission.values)
                            _ = try writer.write {
                                defer { pending = nil }
                                return pending
                            }
                            stored = true
                            return .commit
                        }
                        return stored
                    }
                }
            }
        } catch {
            throw wrap(error, doing: "storing responses")
        }
    }

    /// The condition, on an `invitation` row, that its survey is not closed (`survey close`).
    static let surveyOpen = "NOT EXISTS (SELECT 1 FROM survey_closing k WHERE k.survey_id = invitation.survey_id AND k.closed_at IS NOT NULL)"

    /// When the response behind a receipt was stored, if the receipt is known.
    public func receipt(receiptSHA256: String) throws -> (surveyId: String, submittedAt: String)? {
        try writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT survey_id, submitted_at FROM invitation WHERE receipt_sha256 = ?",
                arguments: [receiptSHA256]
            ).map { ($0["survey_id"], $0["submitted_at"]) }
        }
    }
}

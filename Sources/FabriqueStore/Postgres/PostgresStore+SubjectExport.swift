import PostgresNIO

extension PostgresStore {
    /// Read in one `REPEATABLE READ` transaction: every statement sees the same snapshot, as SQLite's
    /// read transaction does, so that a submission meanwhile cannot show up half exported.
    public func subjectExport(email: String, at: String) throws -> SubjectExport {
        do {
            return try pool.withConnection { connection in
                try connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger)
                defer { _ = try? connection.run("COMMIT", logger) }
                return try subjectExport(connection, email: email, at: at)
            }
        } catch let error as PrivacyError {
            throw error
        } catch {
            throw Self.wrap(error, doing: "exporting a contact's data", location: location)
        }
    }

    private func subjectExport(_ connection: PostgresConnection, email: String, at: String) throws -> SubjectExport {
        guard
            let row = try connection.run(
                "SELECT c.id, \(unescaped: Self.contactColumns) FROM contact c WHERE lower(c.email) = lower(\(email))", logger
            ).first
        else {
            throw PrivacyError.unknownContact(email: email)
        }
        let contact = try Self.contact(row)
        var export = SubjectExport(
            exportedAt: at,
            contact: .init(
                email: contact.email, name: contact.name, organisation: contact.organisation, role: contact.role,
                region: contact.regionCode, departement: contact.departementCode, approaches: contact.approaches),
            invitations: [], drafts: [], responses: [])
        let invitations = try connection.run(
            """
            SELECT survey_id, kind, created_at, submitted_at, draft_json, draft_page, draft_updated_at, response_id
            FROM invitation WHERE contact_id = \(try row.makeRandomAccess()["id"].decode(Int64.self)) ORDER BY survey_id COLLATE "C", id
            """, logger)
        for invitation in invitations {
            let (surveyId, kind, createdAt, submittedAt, draft, draftPage, draftUpdatedAt, responseId) = try invitation.decode(
                (String, String, String, String?, String?, Int?, String?, String?).self)
            export.invitations.append(.init(survey: surveyId, kind: kind, createdAt: createdAt, submittedAt: submittedAt))
            if let draft {
                export.drafts.append(
                    .init(
                        survey: surveyId, page: draftPage, updatedAt: draftUpdatedAt,
                        answers: try StoredJSON.decode([String: String].self, from: draft)))
            }
            guard let responseId, let stored = try storedResponse(connection, surveyId, responseId) else { continue }
            let edits = try connection.run(
                """
                SELECT actor, at, before_json, after_json, details_erased_at FROM response_edit
                WHERE survey_id = \(surveyId) AND response_id = \(responseId) ORDER BY id
                """, logger
            ).map { edit in
                let (actor, editedAt, before, after, erasedAt) = try edit.decode((String, String, String, String, String?).self)
                return SubjectExport.EditData(
                    actor: actor, at: editedAt, before: try StoredJSON.decode([String: String].self, from: before),
                    after: try StoredJSON.decode([String: String].self, from: after), detailsErasedAt: erasedAt)
            }
            export.responses.append(
                .init(
                    survey: surveyId, responseId: stored.responseId, surveyVersion: stored.surveyVersion, origin: stored.origin,
                    values: stored.values, edits: edits))
        }
        return export
    }
}

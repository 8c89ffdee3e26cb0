import GRDB

extension AppDatabase {
    /// Everything held about the contact with this e-mail: contact fields, invitations, drafts,
    /// responses with every stored value, and those responses' edit history. Read in one snapshot.
    public func subjectExport(email: String, at: String) throws -> SubjectExport {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM contact WHERE email = ?", arguments: [email]) else {
                throw PrivacyError.unknownContact(email: email)
            }
            let contact = Self.contact(row)
            var export = SubjectExport(
                exportedAt: at,
                contact: .init(
                    email: contact.email, name: contact.name, organisation: contact.organisation, role: contact.role,
                    region: contact.regionCode, departement: contact.departementCode, approaches: contact.approaches),
                invitations: [], drafts: [], responses: [])
            let invitations = try Row.fetchAll(
                db,
                sql: """
                    SELECT survey_id, kind, created_at, submitted_at, draft_json, draft_page, draft_updated_at, response_id
                    FROM invitation WHERE contact_id = ? ORDER BY survey_id, id
                    """, arguments: [row["id"] as Int64])
            for invitation in invitations {
                let surveyId: String = invitation["survey_id"]
                export.invitations.append(
                    .init(
                        survey: surveyId, kind: invitation["kind"], createdAt: invitation["created_at"],
                        submittedAt: invitation["submitted_at"]))
                if let draft: String = invitation["draft_json"] {
                    export.drafts.append(
                        .init(
                            survey: surveyId, page: invitation["draft_page"], updatedAt: invitation["draft_updated_at"],
                            answers: try StoredJSON.decode([String: String].self, from: draft)))
                }
                guard let responseId: String = invitation["response_id"], let stored = try storedResponse(db, surveyId, responseId) else { continue }
                let edits = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT actor, at, before_json, after_json, details_erased_at FROM response_edit
                        WHERE survey_id = ? AND response_id = ? ORDER BY id
                        """, arguments: [surveyId, responseId]
                ).map { edit in
                    SubjectExport.EditData(
                        actor: edit["actor"], at: edit["at"],
                        before: try StoredJSON.decode([String: String].self, from: edit["before_json"]),
                        after: try StoredJSON.decode([String: String].self, from: edit["after_json"]),
                        detailsErasedAt: edit["details_erased_at"])
                }
                export.responses.append(
                    .init(
                        survey: surveyId, responseId: stored.responseId, surveyVersion: stored.surveyVersion,
                        origin: stored.origin, values: stored.values, edits: edits))
            }
            return export
        }
    }
}

import GRDB

extension AppDatabase {
    /// Closes a survey to respondents: its personal and open links then show that it is closed,
    /// and drafts can no longer be saved or submitted. With `unlink`, in the same transaction
    /// (with secure deletion, see `secureWrite`), every invitation of the survey is severed from
    /// its contact and from its response, keeping the contact's region and approaches so that
    /// response rates stay computable; unsent drafts are deleted. The unlinking is logged.
    public func closeSurvey(id: String, at: String, unlink: Bool, actor: String) throws -> ClosingReport {
        try secureWrite(doing: "closing survey '\(id)'", dryRun: false, compact: unlink) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM survey WHERE id = ?", arguments: [id]) == true else {
                throw StoreError.unknownSurvey(id)
            }
            let closedAt = try String.fetchOne(db, sql: "SELECT closed_at FROM survey_closing WHERE survey_id = ?", arguments: [id])
            var report = ClosingReport(wasOpen: closedAt == nil)
            try db.execute(
                sql: """
                    INSERT INTO survey_closing (survey_id, closed_at) VALUES (?1, ?2)
                    ON CONFLICT (survey_id) DO UPDATE SET closed_at = COALESCE(closed_at, ?2)
                    """, arguments: [id, at])
            guard unlink else { return report }
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(contact_id), COUNT(response_id), COUNT(draft_json) FROM invitation WHERE survey_id = ?
                    """, arguments: [id])
            report.invitationsUnlinked = row?[0] ?? 0
            report.responsesUnlinked = row?[1] ?? 0
            report.draftsDeleted = row?[2] ?? 0
            try unlinkInvitations(db, where: "survey_id = ?", arguments: [id])
            try db.execute(sql: "UPDATE survey_closing SET unlinked_at = ? WHERE survey_id = ?", arguments: [at, id])
            try logErasure(
                db, kind: "unlink", surveyId: id, reason: "survey closed with --unlink", actor: actor, at: at,
                counts: [
                    "invitations": report.invitationsUnlinked, "responses": report.responsesUnlinked,
                    "drafts": report.draftsDeleted
                ])
            return report
        }
    }

    /// Opens a closed survey again. Unlinked invitations stay unlinked. Returns whether it was closed.
    public func reopenSurvey(id: String) throws -> Bool {
        do {
            return try writer.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM survey WHERE id = ?", arguments: [id]) == true else {
                    throw StoreError.unknownSurvey(id)
                }
                try db.execute(sql: "UPDATE survey_closing SET closed_at = NULL WHERE survey_id = ? AND closed_at IS NOT NULL", arguments: [id])
                return db.changesCount == 1
            }
        } catch {
            throw wrap(error, doing: "reopening survey '\(id)'")
        }
    }

    /// Whether a survey is closed and whether it was unlinked; nil when it never was either.
    public func surveyClosing(id: String) throws -> SurveyClosing? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT closed_at, unlinked_at FROM survey_closing WHERE survey_id = ?", arguments: [id]).map {
                SurveyClosing(closedAt: $0["closed_at"], unlinkedAt: $0["unlinked_at"])
            }
        }
    }
}

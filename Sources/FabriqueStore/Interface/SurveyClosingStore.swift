/// Closing a survey to respondents (`fabrique survey close`), optionally severing its invitations
/// from contacts and responses, and reopening it. Implemented by `AppDatabase` (SQLite, with secure
/// deletion and a `VACUUM` after unlinking) and `PostgresStore`; the contract tests run the same
/// cases on both.
public protocol SurveyClosingStore: Sendable {
    /// Closes a survey: its links then show that it is closed, and drafts can no longer be saved or
    /// submitted. With `unlink`, in the same transaction, every invitation of the survey is severed
    /// from its contact and its response (keeping the contact's region and approaches, so that
    /// response rates stay computable), unsent drafts are deleted, and the unlinking is logged.
    /// `StoreError.unknownSurvey` for a survey that is not loaded.
    func closeSurvey(id: String, at: String, unlink: Bool, actor: String) throws -> ClosingReport
    /// Opens a closed survey again; unlinked invitations stay unlinked. Returns whether it was closed.
    func reopenSurvey(id: String) throws -> Bool
    /// Whether a survey is closed and whether it was unlinked; nil when it never was either.
    func surveyClosing(id: String) throws -> SurveyClosing?
}

extension AppDatabase: SurveyClosingStore {}

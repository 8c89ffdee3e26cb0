/// The links respondents follow, personal or open, their drafts and receipts, and the dashboard's
/// counts of them. Implemented by `AppDatabase` (SQLite) and `PostgresStore`; the contract tests run
/// the same cases on both.
///
/// Tokens arrive hashed (SHA-256): the store never sees a link's token. Each token opens one
/// invitation at most, a rule kept by the unique `token_sha256` column on both engines, whichever
/// server takes the link.
public protocol InvitationStore: Sendable {
    /// Stores personal invitations in one transaction. A contact's unused invitation gets the new
    /// token (the old link stops working); a used one is never touched. `StoreError.unknownSurvey`
    /// for a survey that is not loaded; `StoreError.database` for an email of no contact.
    func saveInvitations(surveyId: String, _ invitations: [NewInvitation], at: String) throws
    /// Sets (or replaces) a survey's open link.
    func saveOpenLink(surveyId: String, tokenSHA256: String, at: String) throws
    /// The survey an open-link token opens, if any.
    func openLinkSurvey(tokenSHA256: String) throws -> String?
    /// Starts an anonymous respondent from an open link: a new invitation of kind `open`.
    func startOpenInvitation(surveyId: String, tokenSHA256: String, at: String) throws
    /// The invitation a token opens, whether used or not, and whether its survey is closed.
    func invitation(tokenSHA256: String) throws -> Invitation?
    /// Saves a draft. Returns false, saving nothing, when the invitation was used or its survey closed meanwhile.
    func saveDraft(invitationId: Int64, draft: [String: String], page: Int, at: String) throws -> Bool
    /// When the response behind a receipt was stored, if the receipt is known.
    func receipt(receiptSHA256: String) throws -> (surveyId: String, submittedAt: String)?

    // MARK: Dashboard

    /// Personal invitations of a survey counted by the contact's region (or, once unlinked, by the
    /// region the invitation kept), by region code, those without a region last. `regions`, when
    /// given, counts only the invitations of those regions (an account's scope).
    func invitationCountsByRegion(surveyId: String, regions: [String]?) throws -> [InvitationCounts]
    /// Personal invitations of a survey counted by approach, in the order of `invitationCountsByRegion`:
    /// a contact who coordinates several approaches counts in each, one with none under a nil key.
    func invitationCountsByApproach(surveyId: String, regions: [String]?) throws -> [InvitationCounts]
    /// Respondents started from the open link: (started, submitted).
    func openLinkCounts(surveyId: String) throws -> (started: Int, submitted: Int)
    /// The invited contacts who have not submitted, by region then name; `region` keeps one region,
    /// `regions`, when given, those of these regions only (an account's scope).
    func nonRespondents(surveyId: String, region: String?, regions: [String]?) throws -> [NonRespondent]
}

extension AppDatabase: InvitationStore {}

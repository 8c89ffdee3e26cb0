/// What the staff page templates receive.

/// The login page.
struct LoginView {
    var layout: LayoutView
    /// The login form's token, signed by the server (the same value sits in a cookie).
    var csrf: String
    var name: String
    var error: String?
    /// Where to go after logging in (a local path).
    var next: String
}

/// One line of a dashboard table.
struct CountRowView {
    var label: String
    var invited: Int
    var drafts: Int
    var submitted: Int
    /// "42,0 %" or "–" without invitations.
    var rate: String
    /// Stored responses whose answered region is this one (all origins), for region rows.
    var stored: String
}

/// A survey the dashboard can show.
struct SurveyLinkView {
    var id: String
    var title: String
    var url: String
    var current: Bool
}

/// The staff dashboard.
struct DashboardView {
    var layout: LayoutView
    var surveys: [SurveyLinkView]
    var surveyId: String
    var surveyTitle: String
    var byRegion: [CountRowView]
    var byApproach: [CountRowView]
    var total: CountRowView
    var openStarted: Int
    var openSubmitted: Int
    var storedTotal: Int
    var nonRespondentsURL: String
    var responsesURL: String
    /// The downloads of the responses for SPSS and Stata (`ResponseFilesController`).
    var spssURL = ""
    var stataURL = ""
    /// Closing and retention (RGPD), set after the counts.
    var privacy: PrivacyStatusView? = nil
    /// The regions a scoped account is limited to, in words ("Grand Est"); nil for the whole base.
    var scopeLabel: String? = nil
}

/// One line of the response browser.
struct ResponseRowView {
    var responseId: String
    var origin: String
    var version: String
    var region: String
    var url: String
}

/// A filter choice of the response browser.
struct FilterOptionView {
    var value: String
    var label: String
    var selected: Bool
}

/// The response browser.
struct ResponsesView {
    var layout: LayoutView
    var surveyId: String
    var surveyTitle: String
    var action: String
    var regions: [FilterOptionView]
    var origins: [FilterOptionView]
    var rows: [ResponseRowView]
    var total: Int
    var showing: String
    var previousURL: String?
    var nextURL: String?
}

/// One answer of a response's detail page.
struct AnswerRowView {
    var name: String
    var label: String
    var value: String
}

/// One edit in a response's audit log.
struct EditRowView {
    var actor: String
    var at: String
    var changes: [ChangeView]
}

/// One changed variable in an edit.
struct ChangeView {
    var name: String
    var before: String
    var after: String
}

/// A response's detail page.
struct ResponseDetailView {
    var layout: LayoutView
    var surveyTitle: String
    var responseId: String
    var origin: String
    var version: String
    var answers: [AnswerRowView]
    var edits: [EditRowView]
    var hasEdits: Bool
    var editURL: String?
    var backURL: String
    /// The erasure's confirmation page, for administrators only.
    var eraseURL: String? = nil
}

/// The staff edit form of a response: every section on one page.
struct ResponseEditView {
    var layout: LayoutView
    var surveyTitle: String
    var responseId: String
    var action: String
    var csrf: String
    var errors: [ErrorLink]
    var hasErrors: Bool
    var sections: [EditSectionView]
    var cancelURL: String
    /// Today's date (`yyyy-mm-dd`) for `today()` in the browser's rules (`data-today`).
    var today: String
}

/// A section of the edit form.
struct EditSectionView {
    var title: String
    var questions: [QuestionView]
}

/// The reports page.
struct ReportsView {
    var layout: LayoutView
    var csrf: String
    var reports: [ReportRowView]
    var hasReports: Bool
    var dossiers: [ReportRowView]
    var hasDossiers: Bool
    var notice: String
    var hasNotice: Bool
    var error: String
    var hasError: Bool
    /// Regeneration rewrites every region's report: only for accounts without a scope.
    var canRegenerate = true
}

struct ReportRowView {
    var title: String
    var markdownURL: String
    var htmlURL: String
}

/// The sessions page.
struct SessionsView {
    var layout: LayoutView
    var csrf: String
    var notice: String?
    var sessions: [SessionRowView]
    var hasOthers: Bool
}

/// One session on the sessions page.
struct SessionRowView {
    var createdAt: String
    var client: String
    var userAgent: String
    var expiresAt: String
    var isCurrent: Bool
    var endURL: String
}

/// The confirmation page of a response's erasure, and the page that reports it done.
struct EraseResponseView {
    var layout: LayoutView
    var surveyTitle: String
    var responseId: String
    /// What will go (before) or went (after), one sentence each.
    var items: [String]
    var action: String
    var csrf: String
    var reason: String
    /// The message under the reason field when it was left empty.
    var reasonError: String?
    /// Set once the erasure is done.
    var done: Bool
    var cancelURL: String
    var listURL: String
}

/// The dashboard's RGPD block: whether the survey is closed, and what its retention periods make due for purge.
struct PrivacyStatusView {
    /// "Enquête close le 12/01/2027 à 10:00", when closed.
    var closedLabel: String?
    /// Whether the survey file sets retention periods.
    var hasRetention: Bool
    /// One line per kind with a period: its label and how many items are due.
    var due: [PurgeDueRowView]
}

/// One kind of data due for purge.
struct PurgeDueRowView {
    var label: String
    var count: Int
}

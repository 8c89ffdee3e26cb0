/// What an erasure removed (or, in a dry run, would remove), item by item, for the person who asked.
/// The erasure log keeps only `counts`, never these items.
public struct ErasureReport: Sendable, Equatable {
    /// One thing erased.
    public struct Item: Sendable, Equatable {
        /// What kind of thing went.
        public enum Kind: String, Sendable, Equatable {
            case contact, invitation, draft, response
            case auditEntry = "audit_entry"
            case unlinkedInvitation = "unlinked_invitation"
        }

        public var kind: Kind
        /// The survey it belonged to, if any.
        public var surveyId: String?
        /// A short description for the operator: an e-mail, a response id, a date.
        public var detail: String
    }

    /// The things erased, in the order they were found.
    public var items: [Item] = []

    /// Creates an empty report.
    public init() {}

    /// How many items of each kind, by kind name: what the erasure log records.
    public var counts: [String: Int] {
        items.reduce(into: [:]) { $0[$1.kind.rawValue, default: 0] += 1 }
    }

    /// How many items of one kind.
    public func count(_ kind: Item.Kind) -> Int { items.filter { $0.kind == kind }.count }

    mutating func add(_ kind: Item.Kind, _ surveyId: String?, _ detail: String) {
        items.append(Item(kind: kind, surveyId: surveyId, detail: detail))
    }
}

/// One line of the erasure log: who erased what kind of thing, when and why; never the erased data.
public struct ErasureLogEntry: Sendable, Equatable {
    public var at: String
    public var actor: String
    /// `contact`, `response`, `retention` or `unlink`.
    public var kind: String
    public var surveyId: String?
    public var reason: String
    /// How many items of each kind went.
    public var counts: [String: Int]
}

/// The kinds of personal data a retention policy limits.
public enum RetentionKind: String, Sendable, CaseIterable, Codable {
    case drafts, invitations, contacts
    case auditDetails = "audit_details"
}

/// How many items of one kind a purge removes (or would remove) for one survey.
public struct RetentionCount: Sendable, Equatable, Codable {
    public var surveyId: String
    public var kind: RetentionKind
    public var count: Int
}

/// Whether a survey is closed to respondents, and whether its contacts were unlinked from responses.
public struct SurveyClosing: Sendable, Equatable {
    /// When it was closed; nil once reopened.
    public var closedAt: String?
    /// When `survey close --unlink` severed contacts from invitations and responses.
    public var unlinkedAt: String?
}

/// What `closeSurvey(unlink:)` did.
public struct ClosingReport: Sendable, Equatable {
    /// Whether the survey was open before.
    public var wasOpen: Bool
    /// Invitations no longer tied to a contact (their region and approaches kept).
    public var invitationsUnlinked = 0
    /// Invitations no longer pointing at their response.
    public var responsesUnlinked = 0
    /// Unsent drafts deleted (their author can no longer be told apart).
    public var draftsDeleted = 0
}

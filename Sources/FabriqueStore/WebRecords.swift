/// A person invited to answer: the private base of contacts behind the invitations.
public struct Contact: Sendable, Equatable {
    public var email: String
    public var name: String
    public var organisation: String
    public var role: String
    public var regionCode: String?
    public var departementCode: String?
    /// The approaches the contact coordinates: CLS, CLSM, ASV.
    public var approaches: [String]

    /// Creates a contact.
    public init(
        email: String, name: String, organisation: String = "", role: String = "", regionCode: String? = nil,
        departementCode: String? = nil, approaches: [String] = []
    ) {
        self.email = email
        self.name = name
        self.organisation = organisation
        self.role = role
        self.regionCode = regionCode
        self.departementCode = departementCode
        self.approaches = approaches
    }
}

/// An invitation as the form sees it: its draft and whether it was used.
public struct Invitation: Sendable, Equatable {
    public var id: Int64
    public var surveyId: String
    /// `personal` (a contact's link) or `open` (started from the survey's open link).
    public var kind: String
    public var contactName: String?
    /// Raw answers as typed so far, by variable name.
    public var draft: [String: String]
    /// The page the respondent last saved.
    public var draftPage: Int?
    public var submittedAt: String?
    /// Whether the survey was closed (`fabrique survey close`): the link then shows so.
    public var surveyClosed = false
}

/// A new invitation to store: the contact and the hash of its token (the token itself is never stored).
public struct NewInvitation: Sendable {
    public var contactEmail: String
    public var tokenSHA256: String

    /// Pairs a contact with a token hash.
    public init(contactEmail: String, tokenSHA256: String) {
        self.contactEmail = contactEmail
        self.tokenSHA256 = tokenSHA256
    }
}

/// What a staff member may do.
public enum UserRole: String, Sendable, CaseIterable, Comparable {
    /// Everything, including accounts.
    case admin
    /// The dashboard, responses, edits and reports.
    case staff
    /// The experience base and coding.
    case researcher

    public static func < (lhs: UserRole, rhs: UserRole) -> Bool { lhs.rank < rhs.rank }
    private var rank: Int { self == .researcher ? 0 : self == .staff ? 1 : 2 }
}

/// A staff account, with what it may see.
public struct AppUser: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var role: UserRole
    /// The scope of the account (`user scope`): everything when unset.
    public var scope: AccountScope = AccountScope()
    /// Whether the account is disabled (`user disable`): it cannot log in.
    public var disabled = false
}

/// The regions and surveys an account may see. An empty list means no limit of that kind.
public struct AccountScope: Sendable, Equatable {
    /// INSEE region codes.
    public var regions: [String]
    /// Survey identifiers.
    public var surveys: [String]

    /// A scope; both lists empty (the default) is the whole base.
    public init(regions: [String] = [], surveys: [String] = []) {
        self.regions = regions.sorted()
        self.surveys = surveys.sorted()
    }

    /// True when the account sees everything.
    public var isUnlimited: Bool { regions.isEmpty && surveys.isEmpty }

    /// Whether the account may see this survey.
    public func allows(survey: String) -> Bool { surveys.isEmpty || surveys.contains(survey) }

    /// Whether the account may see data of this region (data without a region only when unlimited by region).
    public func allows(region: String?) -> Bool { regions.isEmpty || region.map(regions.contains) == true }
}

/// One open session of an account, as its sessions page lists it.
public struct SessionRecord: Sendable, Equatable {
    /// The session's row (never its token).
    public var id: Int64
    public var createdAt: String
    public var expiresAt: String
    /// The client address the login came from.
    public var client: String
    public var userAgent: String
    /// Whether it is the session of the request that asks.
    public var isCurrent: Bool
}

/// A logged-in session: its user and the CSRF token every POST must carry.
public struct WebSession: Sendable, Equatable {
    public var user: AppUser
    public var csrfToken: String
}

/// Invitation counts for one group (a region or an approach) of the dashboard.
public struct InvitationCounts: Sendable, Equatable {
    public var key: String?
    public var invited = 0
    public var drafts = 0
    public var submitted = 0

    /// Creates empty counts for a group.
    public init(key: String?) { self.key = key }
}

/// A contact who has not answered yet, for reminders.
public struct NonRespondent: Sendable, Equatable {
    public var contact: Contact
    public var invitedAt: String
    /// When the draft was last saved, if the respondent started.
    public var draftUpdatedAt: String?
}

/// One edit of a stored response, as the audit log keeps it.
public struct ResponseEdit: Sendable, Equatable {
    public var actor: String
    public var at: String
    public var before: [String: String]
    public var after: [String: String]
}

/// A validated response to store through an invitation, with its receipt.
public struct Submission: Sendable {
    public var invitationId: Int64
    /// Canonical values aligned with the field names of the batch.
    public var values: [String?]
    public var responseId: String
    public var receiptSHA256: String
    public var at: String

    /// Creates a submission.
    public init(invitationId: Int64, values: [String?], responseId: String, receiptSHA256: String, at: String) {
        self.invitationId = invitationId
        self.values = values
        self.responseId = responseId
        self.receiptSHA256 = receiptSHA256
        self.at = at
    }
}

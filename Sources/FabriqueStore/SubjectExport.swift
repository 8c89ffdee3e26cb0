/// Everything the database holds about one person (RGPD articles 15 and 20: access and
/// portability), as `fabrique subject-export` prints it. Token and receipt hashes are left out:
/// they are keys, not data about the person.
public struct SubjectExport: Sendable, Equatable, Codable {
    /// The contact's fields.
    public struct ContactData: Sendable, Equatable, Codable {
        public var email: String
        public var name: String
        public var organisation: String
        public var role: String
        public var region: String?
        public var departement: String?
        public var approaches: [String]
    }

    /// One invitation to a survey.
    public struct InvitationData: Sendable, Equatable, Codable {
        public var survey: String
        /// `personal` for a contact's own link.
        public var kind: String
        public var createdAt: String
        public var submittedAt: String?
    }

    /// An unsent draft: the answers typed so far.
    public struct DraftData: Sendable, Equatable, Codable {
        public var survey: String
        public var page: Int?
        public var updatedAt: String?
        /// Raw answers by variable name.
        public var answers: [String: String]
    }

    /// One edit of a response by the staff.
    public struct EditData: Sendable, Equatable, Codable {
        public var actor: String
        public var at: String
        public var before: [String: String]
        public var after: [String: String]
        /// When the before/after values were erased (retention or erasure), if they were.
        public var detailsErasedAt: String?
    }

    /// A stored response and its edit history.
    public struct ResponseData: Sendable, Equatable, Codable {
        public var survey: String
        public var responseId: String
        public var surveyVersion: String
        public var origin: String
        /// Every stored value by variable name.
        public var values: [String: String]
        public var edits: [EditData]
    }

    public var exportedAt: String
    public var contact: ContactData
    public var invitations: [InvitationData]
    public var drafts: [DraftData]
    public var responses: [ResponseData]
}

/// The information respondents are given about their personal data (RGPD articles 13 and 14),
/// from the survey file's `privacy:` block, shown on the first page of the form.
public struct PrivacyNotice: Sendable, Hashable {
    /// The data controller (responsable du traitement).
    public var controller: String
    /// Why the data is collected.
    public var purpose: String
    /// The legal basis of the processing (mission d'intérêt public, consentement…).
    public var legalBasis: String
    /// Who receives the data, when the file says so.
    public var recipients: String?
    /// How long the data is kept, in plain words.
    public var retention: String
    /// The rights of the people concerned and how to use them.
    public var rights: String
    /// Whom to write to: the data protection officer, usually an e-mail address.
    public var contact: String

    /// Creates a notice.
    public init(
        controller: String, purpose: String, legalBasis: String, recipients: String? = nil, retention: String, rights: String,
        contact: String
    ) {
        self.controller = controller
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.recipients = recipients
        self.retention = retention
        self.rights = rights
        self.contact = contact
    }
}

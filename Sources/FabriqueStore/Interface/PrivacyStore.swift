import FabriqueCore
import Foundation

/// The RGPD operations: erasure (article 17), retention periods, and the export of what is held
/// about one person (articles 15 and 20). Implemented by `AppDatabase` (SQLite, with
/// `secure_delete` and a `VACUUM` of the file after each erasure) and `PostgresStore` (a `VACUUM`
/// of the tables touched, after the commit); the contract tests run the same cases on both.
///
/// Every erasure is one transaction, logged in the erasure log with who, when, why and how many,
/// never with the erased data. A dry run does the same work, then rolls it back.
/// An email names one contact whatever its case.
public protocol PrivacyStore: Sendable {
    /// Erases a contact: the contact, their invitations and drafts, the responses those invitations
    /// stored, and the before/after values of those responses' edits (the entries stay, tombstoned
    /// at `at`). `PrivacyError.unknownContact` for an unknown email, `.missingReason` for a blank reason.
    func eraseContact(email: String, reason: String, actor: String, at: String, dryRun: Bool) throws -> ErasureReport
    /// Erases one stored response and the before/after values of its edits; the invitation that
    /// stored it stays used, no longer linked to it. `PrivacyError.unknownResponse` when it is not stored.
    func eraseResponse(surveyId: String, responseId: String, reason: String, actor: String, at: String, dryRun: Bool) throws -> ErasureReport
    /// The erasure log, oldest first.
    func erasureLog() throws -> [ErasureLogEntry]
    /// Applies the surveys' retention periods as of `now` (drafts, unused invitations, edit details,
    /// then contacts), in one transaction, logged at the real time of the purge. Returns the counts
    /// by survey and kind, in survey order.
    func purge(policies: [String: RetentionPolicy], now: Date, actor: String, dryRun: Bool) throws -> [RetentionCount]
    /// What `purge` would remove as of `now`: the same work, rolled back.
    func retentionDue(policies: [String: RetentionPolicy], now: Date) throws -> [RetentionCount]
    /// Everything held about the contact with this email: contact fields, invitations, drafts,
    /// responses and their edits, read in one snapshot. `PrivacyError.unknownContact` for an unknown email.
    func subjectExport(email: String, at: String) throws -> SubjectExport
}

extension AppDatabase: PrivacyStore {}

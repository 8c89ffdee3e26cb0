/// The private base of contacts behind the personal invitations: what `fabrique contacts` and the
/// invitation issuer need. Implemented by `AppDatabase` (SQLite) and `PostgresStore`; the contract
/// tests run the same cases on both.
///
/// An email names one contact whatever its case: SQLite's `COLLATE NOCASE` column, PostgreSQL's
/// unique index on `lower(email)`.
public protocol ContactStore: Sendable {
    /// Saves contacts in one transaction, keyed on the email (case-insensitive): a known email is
    /// updated (keeping its stored spelling), a new one inserted. Returns (inserted, updated).
    func saveContacts(_ contacts: [Contact]) throws -> (inserted: Int, updated: Int)
    /// The contacts, by region (those without one first), name then email; of one region only when `region` is given.
    func contacts(region: String?) throws -> [Contact]
    /// The contacts of a region (or all) who have no invitation to a survey yet, or, with
    /// `reissue`, whose invitation is still unused; in the order of `contacts(region:)`.
    func contactsToInvite(surveyId: String, region: String?, reissue: Bool) throws -> [Contact]
}

extension AppDatabase: ContactStore {}

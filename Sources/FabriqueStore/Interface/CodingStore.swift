import FabriqueCore

/// The qualitative coding of the fiches: the codebook the coders work from, their codings with an
/// audit entry for every change, adjudicated consensus, and who codes which fiche. What `fabrique
/// coding`, the coding screen and the reports need. Implemented by `AppDatabase` (SQLite) and
/// `PostgresStore`; the contract tests run the same cases on both and compare their answers.
///
/// A fiche has at most one consensus per criterion: saving an adjudicator's consensus removes
/// another's, with an audit entry naming who replaced it. Times are ISO 8601 strings.
public protocol CodingStore: Sendable {
    /// Saves codings in one transaction, writing only what differs, with an audit entry (actor,
    /// time, coding before and after) for each insert or change.
    func saveCodings(_ codings: [Coding], actor: String, at time: String) throws -> SeedReport.Counts
    /// Every coding, ordered by experience, criterion, consensus (coders' own first) and coder.
    func codings() throws -> [Coding]
    /// Assigns every experience to every coder in one transaction; returns how many assignments are new.
    func assign(_ experiences: [String], to coders: [String]) throws -> Int
    /// The coders assigned to each experience, sorted.
    func assignments() throws -> [String: [String]]
    /// The audit log of a coder's codings (their own and their consensus) of one fiche and criterion,
    /// oldest first, with the codings before and after as JSON texts.
    func codingAudit(experience: String, criterion: String, coder: String) throws -> [(
        actor: String, at: String, before: String?, after: String
    )]
    /// The codebook of the highest version: its criteria codes and level values.
    func currentCodebook() throws -> (id: String, version: Int, criteria: [String], levels: [Int])?
    /// The keys ("experience|criterion|coder|consensus", consensus as 0 or 1) of the codings made
    /// under a version whose definition of their criterion differs from the latest version's.
    func codingsUnderChangedDefinitions() throws -> Set<String>
    /// The codebook of the highest version, with its levels and its criteria in their order.
    func latestCodebook() throws -> Codebook?
}

extension AppDatabase: CodingStore {}

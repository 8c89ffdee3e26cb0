import FabriqueCore

/// The web form's submissions: each response stored with the use of its link, in one durable
/// transaction for a batch (group commit). Implemented by `AppDatabase` and `PostgresStore`.
public protocol SubmissionStore: Sendable {
    /// Stores several submitted responses in one transaction, each in its own savepoint, so that a
    /// used link or a bad row fails alone. The results are in input order: true stored, false
    /// refused (link already used, on this server or another, or survey closed).
    func submitResponses(survey: Survey, fieldNames: [String], _ submissions: [Submission]) async throws -> [Result<Bool, any Error>]
}

extension AppDatabase: SubmissionStore {}

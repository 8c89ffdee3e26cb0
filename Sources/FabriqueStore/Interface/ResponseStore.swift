import FabriqueCore

/// A survey's responses: their table (one column per answer variable, widened by each new
/// version), the bulk write of an import, the reads of tables, reports and exports, and the staff's
/// edits with their audit. Implemented by `AppDatabase` (SQLite) and `PostgresStore` (COPY).
public protocol ResponseStore: Sendable {
    /// Creates the survey's response table, or adds the columns a new version brings; returns the full schema.
    func ensureResponseTable(for survey: Survey) throws -> ResponseSchema
    /// The response table of a survey, if responses were ever stored.
    func responseSchema(surveyId: String) throws -> ResponseSchema?
    /// Writes responses in one transaction, pulling batches from `next` until it returns nil
    /// (`AppDatabase.writeResponses` tells the rules).
    func writeResponses(
        survey: Survey, fieldNames: [String], version: String, origin: String, policy: DuplicatePolicy, dryRun: Bool,
        next: () throws -> ResponseBatch?
    ) throws -> ResponseWriteCounts
    /// Calls `body` for each stored response, ordered by response id.
    func forEachResponse(surveyId: String, _ body: (StoredResponse) throws -> Void) throws
    /// The canonical values of some answer columns, one array per column, aligned by response (id order).
    func responseColumns(surveyId: String, names: [String], where conditions: [(column: String, value: String)]) throws -> (
        count: Int, columns: [String: [String?]]
    )
    /// How many responses have each combination of values of some columns.
    func responseGroupCounts(surveyId: String, names: [String], where conditions: [(column: String, value: String)]) throws -> [(
        values: [String?], count: Int
    )]
    /// A numeric column's values with an optional grouping column.
    func responseNumbers(surveyId: String, value: String, group: String?, where conditions: [(column: String, value: String)]) throws
        -> [(group: String?, value: Double?)]
    /// The number of a survey's responses and a SHA-256 fingerprint of them all.
    func responseFingerprint(surveyId: String) throws -> (count: Int, sha256: String)
    /// A page of stored responses (by response id), filtered, with the total count.
    func responseSummaries(
        surveyId: String, where conditions: [(column: String, value: String)], regions: [String]?, limit: Int, offset: Int
    ) throws -> (total: Int, rows: [ResponseSummary])
    /// One stored response, or nil.
    func response(surveyId: String, responseId: String) throws -> StoredResponse?
    /// Replaces a stored response's answers and writes the audit entry in the same transaction.
    func editResponse(survey: Survey, responseId: String, fieldNames: [String], values: [String?], actor: String, at: String) throws
    /// The audit log of a response's edits, oldest first.
    func responseEdits(surveyId: String, responseId: String) throws -> [ResponseEdit]
}

extension AppDatabase: ResponseStore {}

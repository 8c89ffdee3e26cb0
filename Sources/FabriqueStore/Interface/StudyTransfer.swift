/// Rows of one table of a study, every value as text (nil for NULL), for `fabrique db copy`.
public struct TableChunk: Sendable, Equatable {
    public var table: String
    public var columns: [String]
    public var rows: [[String?]]

    public init(table: String, columns: [String], rows: [[String?]]) {
        self.table = table
        self.columns = columns
        self.rows = rows
    }
}

/// A whole study moved between databases, engine to engine (`fabrique db copy`): every table of
/// the schema, parents first, then each survey's response table, read in chunks of rows and written
/// in one transaction. Values travel as the text each engine reads back as the same value (a
/// boolean as 0 or 1, a number as its canonical answer text).
public protocol StudyTransfer: Sendable {
    /// Calls `body` with the study's rows, table after table, a few thousand rows at a time.
    func exportStudy(_ body: (TableChunk) throws -> Void) throws
    /// Writes what `fill` hands to `write` into this database, which must hold no study yet, in
    /// one transaction: it is all written or, on any error, none of it.
    func importStudy(_ fill: (_ write: (TableChunk) throws -> Void) throws -> Void) throws
}

/// The tables a study's rows live in, parents before the tables that refer to them; each survey's
/// response table (`response_table`) follows. `app_secret` is replaced by the copied study's, so
/// that links and tokens issued before the move keep working.
enum StudyTables {
    static let ordered = [
        "region", "departement", "theme", "survey", "survey_version", "codebook", "criterion", "experience",
        "experience_approach", "experience_theme", "response_table", "response_column", "coding", "coding_assignment",
        "coding_audit", "contact", "invitation", "open_link", "app_user", "web_session", "user_scope", "app_secret",
        "response_edit", "erasure_log", "survey_closing"
    ]

    /// Rows per chunk.
    static let chunkSize = 5000

    /// The error for a destination that already holds a study.
    static func notEmpty(_ database: String, table: String) -> StoreError {
        StoreError.database(
            doing: "copying a study into \(database)",
            reason: "it already holds data (table \(table) is not empty); copy into a new, empty database")
    }
}

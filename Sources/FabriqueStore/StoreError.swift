import Foundation
import GRDB

/// Errors of the store, with messages that say what to do and never show SQL.
public enum StoreError: Error, LocalizedError, Sendable, Equatable {
    case cannotOpen(path: String, reason: String)
    /// A survey version was loaded before with other content: responses refer to versions, so a version is immutable.
    case surveyVersionChanged(survey: String, version: String)
    case codebookVersionChanged(codebook: String, version: Int)
    case unknownSurvey(String)
    /// An imported response id is stored with other answers and the policy is `error`.
    case duplicateResponse(responseId: String, line: Int)
    case database(doing: String, reason: String)
    case userExists(String)
    case unknownResponse(String)
    /// The disk under the database is full, or failed to read or write: what was being done was
    /// rolled back whole. `full` tells a full disk (or `max_page_count`) from an I/O error.
    case storage(path: String, doing: String, full: Bool, reason: String)
    /// A `postgres://` address that cannot be read (shown without its password).
    case badLocation(String, reason: String)
    /// The PostgreSQL server could not be reached or refused the connection: nothing was written.
    case unreachable(location: String, reason: String, check: String)
    /// The database was migrated by a newer fabrique: its schema has migrations this one lacks.
    case newerSchema(database: String, migrations: [String])

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the database \(path): \(reason)"
        case .surveyVersionChanged(let survey, let version):
            "survey '\(survey)' version \(version) is already loaded with different content; "
                + "responses refer to that version, so give the changed file a new 'version'"
        case .codebookVersionChanged(let codebook, let version):
            "codebook '\(codebook)' version \(version) is already loaded with different content; raise 'version' in the codebook file"
        case .unknownSurvey(let id):
            "no survey '\(id)' in the database; run 'fabrique init' to load surveys/"
        case .duplicateResponse(let id, let line):
            "line \(line): response '\(id)' is already stored with other answers; "
                + "nothing was imported. Use --on-duplicate update to replace stored answers, or skip to keep them"
        case .userExists(let name):
            "a user named '\(name)' already exists; choose another name"
        case .unknownResponse(let id):
            "no stored response '\(id)'"
        case .database(let doing, let reason):
            "database error while \(doing): \(reason)"
        case .storage(let path, let doing, true, _):
            "the disk holding the database \(path) is full: \(doing) failed and nothing of it was written (the transaction was rolled back). "
                + "Free some space on that disk, then run the command again"
        case .badLocation(let location, let reason):
            "cannot read the database address \(location): \(reason)"
        case .unreachable(let location, let reason, let check):
            "cannot connect to the PostgreSQL database \(location): \(reason). \(check); nothing was written"
        case .newerSchema(let database, let migrations):
            "the database \(database) was created or upgraded by a newer fabrique (schema \(migrations.joined(separator: ", "))); "
                + "this one knows no such version and leaves it untouched: use a fabrique at least as recent"
        case .storage(let path, let doing, false, let reason):
            "the disk holding the database \(path) failed to read or write (\(reason)) while \(doing); nothing of it was written. "
                + "Check the disk (dmesg, free space, permissions), then run the command again"
        }
    }

    /// True for a full or failing disk: the request may succeed later, nothing was written.
    public var isStorageFault: Bool {
        if case .storage = self { return true }
        return false
    }

    /// Turns an SQLite error into a store error without leaking SQL text.
    /// `path` names the file in the message of a full or failing disk.
    static func wrap(_ error: Error, doing: String, path: String) -> Error {
        if error is StoreError { return error }
        if let error = error as? DatabaseError {
            let reason = error.message ?? "SQLite code \(error.resultCode.rawValue)"
            switch error.resultCode {
            case .SQLITE_FULL: return StoreError.storage(path: path, doing: doing, full: true, reason: reason)
            case .SQLITE_IOERR: return StoreError.storage(path: path, doing: doing, full: DiskSpace.isFull(at: path), reason: reason)
            default: return StoreError.database(doing: doing, reason: reason)
            }
        }
        return error
    }
}

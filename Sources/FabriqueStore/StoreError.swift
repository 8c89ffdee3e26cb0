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

    public var errorDescription: String? {
        switch self {
        case let .cannotOpen(path, reason):
            "cannot open the database \(path): \(reason)"
        case let .surveyVersionChanged(survey, version):
            "survey '\(survey)' version \(version) is already loaded with different content; responses refer to that version, so give the changed file a new 'version'"
        case let .codebookVersionChanged(codebook, version):
            "codebook '\(codebook)' version \(version) is already loaded with different content; raise 'version' in the codebook file"
        case let .unknownSurvey(id):
            "no survey '\(id)' in the database; run 'fabrique init' to load surveys/"
        case let .duplicateResponse(id, line):
            "line \(line): response '\(id)' is already stored with other answers; nothing was imported. Use --on-duplicate update to replace stored answers, or skip to keep them"
        case let .userExists(name):
            "a user named '\(name)' already exists; choose another name"
        case let .unknownResponse(id):
            "no stored response '\(id)'"
        case let .database(doing, reason):
            "database error while \(doing): \(reason)"
        }
    }

    /// Turns an SQLite error into a store error without leaking SQL text.
    static func wrap(_ error: Error, doing: String) -> Error {
        if error is StoreError { return error }
        if let error = error as? DatabaseError {
            return StoreError.database(doing: doing, reason: error.message ?? "SQLite code \(error.resultCode.rawValue)")
        }
        return error
    }
}

import Foundation

/// Problems that stop an import before anything is written.
public enum ImportError: Error, LocalizedError, Sendable, Equatable {
    case noIdColumn(file: String, wanted: String?, candidates: [String])
    case missingRequiredColumns(file: String, names: [String])
    case emptyFile(file: String)

    public var errorDescription: String? {
        switch self {
        case let .noIdColumn(file, wanted?, _):
            "\(file): no column '\(wanted)' for the response id; check --id-column or the mapping's id_column"
        case let .noIdColumn(file, nil, candidates):
            "\(file): no response id column (looked for \(candidates.joined(separator: ", "))); name it with --id-column COLUMN"
        case let .missingRequiredColumns(file, names):
            "\(file): no column for the required question\(names.count > 1 ? "s" : "") \(names.joined(separator: ", ")); nothing was imported. Add the column\(names.count > 1 ? "s" : ""), or map them with --mapping FILE.yaml"
        case let .emptyFile(file):
            "\(file) is empty: a header line is expected"
        }
    }
}

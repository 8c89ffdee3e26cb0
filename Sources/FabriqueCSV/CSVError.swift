import Foundation

/// CSV errors, each naming the file and the line where the faulty record starts.
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotRead(path: String)
    case cannotWrite(path: String)
    case unterminatedQuote(file: String, line: Int)
    case fieldCount(file: String, line: Int, expected: Int, found: Int)
    case malformed(file: String, line: Int, reason: String)
    case badEncoding(file: String, line: Int, encoding: String)
    case missingColumns(file: String, line: Int, columns: [String])

    public var description: String {
        switch self {
        case .cannotRead(let path): "cannot read \(path): check that the file exists and is readable"
        case .cannotWrite(let path): "cannot write \(path): check the folder exists and is writable"
        case .unterminatedQuote(let file, let line):
            "\(file) line \(line): a quoted field is never closed; add the missing '\"' or double the quotes inside the field (\"\")"
        case .fieldCount(let file, let line, let expected, let found):
            "\(file) line \(line): \(found) fields where the header has \(expected); check for a stray separator or a missing quote"
        case .malformed(let file, let line, let reason): "\(file) line \(line): \(reason)"
        case .missingColumns(let file, let line, let columns):
            "\(file) line \(line): missing column(s) \(columns.joined(separator: ", ")); add them to the header row"
        case .badEncoding(let file, let line, let encoding):
            "\(file) line \(line): bytes that are not valid \(encoding); "
                + "the file is probably Windows-1252 (French Excel): drop --encoding to detect it, or pass --encoding windows-1252"
        }
    }
}

extension CSVError: LocalizedError {
    public var errorDescription: String? { description }
}

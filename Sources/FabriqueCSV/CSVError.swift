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
        case let .cannotRead(path): "cannot read \(path): check that the file exists and is readable"
        case let .cannotWrite(path): "cannot write \(path): check the folder exists and is writable"
        case let .unterminatedQuote(file, line):
            "\(file) line \(line): a quoted field is never closed; add the missing '\"' or double the quotes inside the field (\"\")"
        case let .fieldCount(file, line, expected, found):
            "\(file) line \(line): \(found) fields where the header has \(expected); check for a stray separator or a missing quote"
        case let .malformed(file, line, reason): "\(file) line \(line): \(reason)"
        case let .missingColumns(file, line, columns):
            "\(file) line \(line): missing column(s) \(columns.joined(separator: ", ")); add them to the header row"
        case let .badEncoding(file, line, encoding):
            "\(file) line \(line): bytes that are not valid \(encoding); the file is probably Windows-1252 (French Excel): drop --encoding to detect it, or pass --encoding windows-1252"
        }
    }
}

extension CSVError: LocalizedError {
    public var errorDescription: String? { description }
}

import Foundation

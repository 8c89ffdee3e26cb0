import Foundation

/// A 1-based line and column in a text file.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Line number, starting at 1.
    public var line: Int
    /// Column number in Unicode scalars, starting at 1.
    public var column: Int

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// A location that stands for the start of a file.
    public static let start = SourceLocation(line: 1, column: 1)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One problem found in a definition file, printed as `FILE:LINE:COLUMN: message`.
public struct SourceProblem: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The file name as the user gave it.
    public var file: String
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong and what to do about it.
    public var message: String

    /// Creates a problem.
    public init(file: String, location: SourceLocation, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String { "\(file):\(location.line):\(location.column): \(message)" }
    public var errorDescription: String? { description }
}

/// Every problem found in one file, thrown when a definition cannot be used.
public struct SourceProblems: Error, Sendable, LocalizedError {
    /// The problems, in file order.
    public var problems: [SourceProblem]

    /// Creates the error from problems, sorting them by position.
    public init(_ problems: [SourceProblem]) {
        self.problems = problems.sorted { ($0.file, $0.location) < ($1.file, $1.location) }
    }

    public var errorDescription: String? {
        problems.map(\.description).joined(separator: "\n")
    }
}

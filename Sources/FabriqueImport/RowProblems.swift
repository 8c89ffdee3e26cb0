import Foundation

/// Every problem of a file that is imported whole or not at all, one located message each
/// (`FILE line N, column "x": what is wrong`): nothing was saved.
public struct RowProblems: Error, LocalizedError, Sendable, Equatable {
    public var problems: [String]

    public init(_ problems: [String]) {
        self.problems = problems
    }

    public var errorDescription: String? { problems.joined(separator: "\n") }
}

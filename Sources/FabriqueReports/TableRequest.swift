import FabriqueCore
import FabriqueStats

/// What `fabrique table` is asked for: a variable, optionally crossed with another or split by a
/// grouping variable, over the responses a filter keeps, with its own suppression threshold.
public struct TableRequest: Sendable {
    public var rows: String
    public var cols: String?
    public var by: String?
    public var filter: String?
    public var threshold: Int

    /// Creates a request.
    public init(rows: String, cols: String? = nil, by: String? = nil, filter: String? = nil, threshold: Int = SmallCellSuppression.defaultThreshold) {
        self.rows = rows
        self.cols = cols
        self.by = by
        self.filter = filter
        self.threshold = threshold
    }
}

/// A table request that does not fit the survey, with what to do about it.
public enum TableError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownVariable(String, survey: String)
    case filterSyntax(String)
    case filterReference(String)
    case notCategorical(String, type: String)
    case notNumericOrCategorical(String, type: String)
    case unknownRegion(String, known: [String])

    public var description: String {
        switch self {
        case .unknownVariable(let name, let survey):
            "survey '\(survey)' has no question '\(name)'; 'fabrique export dictionary --survey \(survey)' lists the variables"
        case .filterSyntax(let message): "--filter: \(message)"
        case .filterReference(let name): "--filter refers to unknown question '\(name)'"
        case .notCategorical(let name, let type): "'\(name)' is a \(type) question; crosstabs and --by need select_one or select_multiple questions"
        case .notNumericOrCategorical(let name, let type):
            "'\(name)' is a \(type) question, which has no table (only choices and numbers are tabulated)"
        case .unknownRegion(let code, let known): "no region '\(code)'; use an INSEE code among \(known.joined(separator: ", "))"
        }
    }
}

/// One reason an answer is refused, with the variable it concerns and a French message for the respondent.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// What kind of rule the answer broke.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case required, notInteger, notDecimal, notDate, unknownChoice, filteredChoice
        case singleChoiceExpected, duplicateRank, constraint, otherTextMissing
    }

    /// The answer variable (question, likert item or `<name>_other`).
    public var field: String
    public var kind: Kind
    /// The message shown to the respondent, in French.
    public var message: String

    /// Creates an issue.
    public init(field: String, kind: Kind, message: String) {
        self.field = field
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// The outcome of validating one response.
public struct ValidationResult: Sendable, Hashable {
    /// Canonical answers of the relevant questions, computed calculations included. Codes for
    /// choices (space-separated for several), `yyyy-mm-dd` for dates, `.` as decimal separator.
    public var values: [String: String]
    /// Every problem, in questionnaire order.
    public var issues: [ValidationIssue]

    /// Whether the response can be stored.
    public var isValid: Bool { issues.isEmpty }

    /// Creates a result.
    public init(values: [String: String], issues: [ValidationIssue]) {
        self.values = values
        self.issues = issues
    }
}

/// A validation that also tells which variables apply: what the web form shows and checks.
public struct FormEvaluation: Sendable, Hashable {
    /// Canonical values of the valid, applicable answers.
    public var values: [String: String]
    /// Every problem, in survey order.
    public var issues: [ValidationIssue]
    /// The variables that apply under these answers (their question and section are relevant).
    public var applicable: Set<String>

    /// Wraps an evaluation's parts.
    public init(values: [String: String], issues: [ValidationIssue], applicable: Set<String>) {
        self.values = values
        self.issues = issues
        self.applicable = applicable
    }

    /// Whether the response can be stored as it is.
    public var isValid: Bool { issues.isEmpty }
}

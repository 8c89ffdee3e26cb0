/// One reason an answer is refused, with the variable it concerns and a French message for the respondent.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// What kind of rule the answer broke.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case required, notInteger, notDecimal, notDate, unknownChoice, filteredChoice
        case singleChoiceExpected, duplicateRank, constraint, otherTextMissing
        /// A whole number with more digits than an answer may have.
        case tooLarge
        /// A control or bidirectional-control character in a text.
        case forbiddenCharacter
        /// An accepted answer outside a soft limit (a `warning`): reported, never refused.
        case unusualValue
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
    /// Accepted answers outside a soft limit (`unusualValue`), in questionnaire order.
    public var warnings: [ValidationIssue]

    /// Whether the response can be stored.
    public var isValid: Bool { issues.isEmpty }

    /// Creates a result.
    public init(values: [String: String], issues: [ValidationIssue], warnings: [ValidationIssue] = []) {
        self.values = values
        self.issues = issues
        self.warnings = warnings
    }
}

/// A validation that also tells which variables apply: what the web form shows and checks.
public struct FormEvaluation: Sendable, Hashable {
    /// Canonical values of the valid, applicable answers.
    public var values: [String: String]
    /// Every problem, in survey order.
    public var issues: [ValidationIssue]
    /// Accepted answers outside a soft limit (`unusualValue`), in survey order.
    public var warnings: [ValidationIssue]
    /// The variables that apply under these answers (their question and section are relevant).
    public var applicable: ApplicableFields

    /// Wraps an evaluation's parts.
    public init(values: [String: String], issues: [ValidationIssue], warnings: [ValidationIssue] = [], applicable: ApplicableFields) {
        self.values = values
        self.issues = issues
        self.warnings = warnings
        self.applicable = applicable
    }

    /// Whether the response can be stored as it is.
    public var isValid: Bool { issues.isEmpty }
}

/// The variables that apply under a response's answers, as one flag per variable of the survey:
/// every form request asks, and a set of names cost more to build than the rules to evaluate.
public struct ApplicableFields: Sendable, Hashable {
    private let index: [String: Int]
    private let flags: [Bool]
    private let fieldNames: [String]

    /// Flags aligned with `fieldNames`; `index` gives each name's position.
    init(fieldNames: [String], index: [String: Int], flags: [Bool]) {
        self.fieldNames = fieldNames
        self.index = index
        self.flags = flags
    }

    public func contains(_ name: String) -> Bool {
        index[name].map { flags[$0] } ?? false
    }

    /// The applicable variables, in survey order.
    public var names: [String] { zip(fieldNames, flags).filter(\.1).map(\.0) }

    public static func == (left: ApplicableFields, right: ApplicableFields) -> Bool { left.names == right.names }

    public func hash(into hasher: inout Hasher) { hasher.combine(names) }
}

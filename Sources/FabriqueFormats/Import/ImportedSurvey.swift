import FabriqueCore

/// A questionnaire read from another tool's file, with its YAML text and what the reading left out.
public struct ImportedSurvey: Sendable {
    /// The questionnaire, which `survey validate` accepts.
    public var survey: Survey
    /// Its file text (`surveys/ID.yaml`), with comments naming the source and its SHA-256.
    public var yaml: String
    /// The tool the file came from.
    public var kind: SourceKind
    /// The SHA-256 of the source file, in hex.
    public var sha256: String
    /// The language whose labels were taken, when the source had several.
    public var language: String?
    /// What was left out because fabrique cannot represent it (with `skipUnsupported` only).
    public var leftOut: [FormatIssue]
    /// Changes that keep the data: labels, presentation, renamed lists.
    public var notes: [FormatIssue]
}

/// Choices that change how a file is read.
public struct ImportOptions: Sendable {
    /// The language of the labels to take (`fr`, `en`, `English`); French when nil and present.
    public var language: String?
    /// Write what can be represented and list the rest, instead of refusing the file.
    public var skipUnsupported: Bool
    /// The survey id to use when the source names none (REDCap dictionaries do not).
    public var fallbackID: String?

    /// Creates options.
    public init(language: String? = nil, skipUnsupported: Bool = false, fallbackID: String? = nil) {
        self.language = language
        self.skipUnsupported = skipUnsupported
        self.fallbackID = fallbackID
    }
}

import FabriqueCore

/// A column of a survey's response table: one answer variable and its SQLite affinity.
public struct ResponseColumn: Sendable, Hashable {
    public var name: String
    /// `INTEGER`, `REAL`, `NUMERIC` (calculations) or `TEXT`.
    public var affinity: String

    /// Creates a column.
    public init(name: String, affinity: String) {
        self.name = name
        self.affinity = affinity
    }

    /// The affinity that stores a field's canonical values without loss.
    public static func affinity(for field: AnswerField) -> String {
        switch field.valueType {
        case .integer: "INTEGER"
        case .decimal: "REAL"
        case .calculate: "NUMERIC"
        default: "TEXT"
        }
    }
}

/// Where and how a survey's responses are stored: the table and its answer columns, in order.
/// The columns are the union of every loaded version's variables, so old responses keep theirs.
public struct ResponseSchema: Sendable, Hashable {
    public var surveyId: String
    public var tableName: String
    public var columns: [ResponseColumn]

    /// Creates a schema.
    public init(surveyId: String, tableName: String, columns: [ResponseColumn]) {
        self.surveyId = surveyId
        self.tableName = tableName
        self.columns = columns
    }

    /// The columns a survey version brings that the table lacks, in the order both engines add them.
    public func columnsToAdd(for survey: Survey) -> [ResponseColumn] {
        let known = Set(columns.map(\.name))
        return survey.fields.filter { !known.contains($0.name) && SurveyParser.isName($0.name) }.map {
            ResponseColumn(name: $0.name, affinity: ResponseColumn.affinity(for: $0))
        }
    }

    /// The index of each column by variable name.
    public var index: [String: Int] {
        Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element.name, $0.offset) })
    }
}

/// A stored response, as read back for exports.
public struct StoredResponse: Sendable, Equatable {
    public var responseId: String
    public var surveyVersion: String
    public var origin: String
    /// Canonical values by variable name; unanswered variables are absent.
    public var values: [String: String]

    /// Creates a response.
    public init(responseId: String, surveyVersion: String, origin: String, values: [String: String]) {
        self.responseId = responseId
        self.surveyVersion = surveyVersion
        self.origin = origin
        self.values = values
    }
}

/// What to do when an imported response id is already stored with other answers.
public enum DuplicatePolicy: String, Sendable, CaseIterable {
    /// Keep the stored answers.
    case skip
    /// Replace them with the new ones.
    case update
    /// Stop: nothing is written.
    case error
}

/// What a bulk write did.
public struct ResponseWriteCounts: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Rows that differ from the stored ones but were kept as stored (`skip`).
    public var skipped = 0

    /// Zero counts.
    public init() {}
}

import FabriqueCore

/// What each column of an import file holds, decided once from the header (and, for the id
/// column, from which columns the first rows fill).
public struct ColumnPlan: Sendable {
    /// The role of one column.
    public enum Role: Sendable, Equatable {
        case responseId
        /// The whole answer of a variable (index into `survey.fields`).
        case variable(Int)
        /// One choice of a select_multiple, as 0/1, Y/empty, oui/non… (LimeSurvey, REDCap, Kobo).
        case option(field: Int, code: String)
        /// One position of a rank, holding a code or label (LimeSurvey `q[1]`).
        case rankPosition(field: Int, position: Int)
        /// LimeSurvey's `q[other]`: the "other" text, which also means "other" is chosen.
        case otherText(field: Int, otherField: Int)
        /// The source's value of a `calculate` field, which fabrique computes itself: compared, not stored.
        case calculated(Int)
        /// A column that matches no question: its non-empty cells stop the import unless ignored.
        case unmatched
        /// Ignored on purpose: the mapping's `ignore`, fabrique's own `survey_version`, `line`, `errors`.
        case ignored
    }

    /// Each column's role, in header order.
    public var roles: [Role]
    /// The id column, or nil when ids are generated from each row's content (`--generate-ids`).
    public var idColumn: Int?
    /// The header the plan was made from.
    public var header: [String]
    /// Notes on the header: duplicate columns for one question, an id column taken over an empty one.
    public var warnings: [String]

    /// Decides each column's role. `filled` holds the columns that the first `sampleRows` data
    /// rows fill, to pass over empty id columns. Throws when there is no usable id column, when a
    /// mapping target names nothing, or when a required question has no column: each stops an
    /// import before anything is written.
    public init(
        header: [String], survey: Survey, mapping: ColumnMapping = ColumnMapping(), idColumn idName: String? = nil,
        generateIds: Bool = false, filled: Set<Int> = [], sampleRows: Int = 0, file: String
    ) throws(ImportError) {
        let lookup = FieldLookup(survey: survey)
        self.header = header
        var warnings: [String] = []
        idColumn =
            generateIds
            ? nil
            : try Self.idColumn(
                header: header, wanted: idName ?? mapping.idColumn, filled: filled, sampleRows: sampleRows,
                file: file, warnings: &warnings)
        var roles: [Role] = []
        for (index, name) in header.enumerated() {
            if index == idColumn {
                roles.append(.responseId)
            } else if mapping.ignorePositions.contains(index + 1) || mapping.ignore.contains(name)
                || (["survey_version", "line", "errors"].contains(name) && lookup.byName[name] == nil)
            {
                // fabrique adds survey_version, line and errors to its exports and rejects files.
                roles.append(.ignored)
            } else if let target = mapping.positions[index + 1] ?? mapping.columns[name]
                ?? mapping.columns.first(where: { $0.key.trimmingASCIIWhitespace().folded == name.trimmingASCIIWhitespace().folded })?.value
            {
                guard let role = lookup.role(of: target, labels: false) else {
                    throw ImportError.unknownMappingTarget(file: file, column: name, target: target)
                }
                roles.append(role)
            } else {
                roles.append(lookup.role(of: name, labels: true) ?? .unmatched)
            }
        }
        // Two whole-answer columns for one question (a name and a label, say): each row takes the
        // later one that is filled; staff should know which.
        var columnsOfField: [Int: [Int]] = [:]
        for (index, role) in roles.enumerated() {
            if case .variable(let field) = role { columnsOfField[field, default: []].append(index) }
        }
        for (field, columns) in columnsOfField.sorted(by: { $0.value[0] < $1.value[0] }) where columns.count > 1 {
            let named = columns.map { "\($0 + 1) '\(header[$0])'" }.joined(separator: ", ")
            warnings.append("columns \(named) all give question '\(survey.fields[field].name)': in each row the last of them that is filled is used")
        }
        self.roles = roles
        self.warnings = warnings
        try checkRequired(survey.fields, file: file)
    }

    /// The columns that match no question, in header order.
    public var unmatchedColumns: [Int] {
        roles.indices.filter { roles[$0] == .unmatched }
    }

    private func checkRequired(_ fields: [AnswerField], file: String) throws(ImportError) {
        var covered = Set<Int>()
        for role in roles {
            switch role {
            case .variable(let field), .option(let field, _), .rankPosition(let field, _): covered.insert(field)
            case .otherText(let field, let otherField): covered.formUnion([field, otherField])
            case .responseId, .ignored, .unmatched, .calculated: break
            }
        }
        let missing = fields.enumerated().filter { index, field in
            field.question.required && field.kind != .otherText && !covered.contains(index)
        }.map(\.element.name)
        if !missing.isEmpty { throw ImportError.missingRequiredColumns(file: file, names: missing) }
    }
}

import FabriqueCore

/// What each column of an import file holds, decided once from the header.
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
        case ignored
    }

    public var roles: [Role]
    public var idColumn: Int
    /// Columns the import cannot use, in header order.
    public var warnings: [String]

    /// Decides each column's role. Throws when there is no id column, or when a required question
    /// has no column: both stop an import before anything is written.
    public init(header: [String], survey: Survey, mapping: ColumnMapping = ColumnMapping(), idColumn idName: String? = nil, file: String) throws(ImportError) {
        let fields = survey.fields
        let byName = Dictionary(fields.enumerated().map { ($0.element.name.lowercased(), $0.offset) }, uniquingKeysWith: { a, _ in a })
        let byLabel = Dictionary(fields.enumerated().filter { !$0.element.label.isEmpty }.map { ($0.element.label.folded, $0.offset) },
                                 uniquingKeysWith: { a, _ in a })
        let wantedId = idName ?? mapping.idColumn
        let idCandidates = ["response_id", "id", "_uuid", "record_id", "_id", "identifiant", "token"]
        let idIndex: Int? = if let wantedId {
            header.firstIndex(of: wantedId) ?? header.firstIndex { $0.folded == wantedId.folded }
        } else {
            idCandidates.lazy.compactMap { candidate in header.firstIndex { $0.folded == candidate } }.first
        }
        guard let idIndex else {
            throw ImportError.noIdColumn(file: file, wanted: wantedId, candidates: idCandidates)
        }
        idColumn = idIndex
        var roles: [Role] = []
        var warnings: [String] = []
        for (index, name) in header.enumerated() {
            if index == idIndex {
                roles.append(.responseId)
                continue
            }
            // Columns fabrique's own exports add, which carry no answer.
            // Columns fabrique adds to exports and rejects files, which carry no answer.
            if mapping.ignore.contains(name) || (["survey_version", "line", "errors"].contains(name) && byName[name] == nil) {
                roles.append(.ignored)
                continue
            }
            let mapped = mapping.columns[name] ?? mapping.columns.first { $0.key.trimmingASCIIWhitespace().folded == name.trimmingASCIIWhitespace().folded }?.value
            if let variable = mapped, let field = byName[variable.lowercased()] {
                roles.append(.variable(field))
                continue
            }
            if let role = Self.role(of: name, fields: fields, byName: byName, byLabel: byLabel, survey: survey) {
                roles.append(role)
            } else {
                roles.append(.ignored)
                warnings.append("column \(index + 1) '\(name)' matches no question and is ignored")
            }
        }
        // Two whole-answer columns for one question (a name and a label, say): each row takes the
        // later one that is filled; staff should know which.
        var columnsOfField: [Int: [Int]] = [:]
        for (index, role) in roles.enumerated() {
            if case let .variable(field) = role { columnsOfField[field, default: []].append(index) }
        }
        for (field, columns) in columnsOfField.sorted(by: { $0.value[0] < $1.value[0] }) where columns.count > 1 {
            let named = columns.map { "\($0 + 1) '\(header[$0])'" }.joined(separator: ", ")
            warnings.append("columns \(named) all give question '\(fields[field].name)': in each row the last of them that is filled is used")
        }
        self.roles = roles
        self.warnings = warnings
        try checkRequired(fields, file: file)
    }

    /// Tries each tool's naming convention in turn.
    static func role(of header: String, fields: [AnswerField], byName: [String: Int], byLabel: [String: Int], survey: Survey) -> Role? {
        let name = header.trimmingASCIIWhitespace()
        if let field = byName[name.lowercased()] { return .variable(field) }
        // Kobo: group/question and group/question/code.
        let path = name.split(separator: "/").map(String.init)
        if path.count >= 2 {
            // question/code first: a choice code may also be another question's name (financeurs/region).
            if let field = byName[path[path.count - 2].lowercased()], let role = option(field, path[path.count - 1], fields, survey) { return role }
            if let field = byName[path[path.count - 1].lowercased()] { return .variable(field) }
        }
        // REDCap: question___code.
        if let range = name.range(of: "___"), let field = byName[String(name[..<range.lowerBound]).lowercased()],
           let role = option(field, String(name[range.upperBound...]), fields, survey) {
            return role
        }
        // LimeSurvey: question[code] and question.code.
        var inner: (String, String)?
        if name.hasSuffix("]"), let open = name.firstIndex(of: "[") {
            inner = (String(name[..<open]), String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
        } else if name.hasSuffix("."), let dot = name.dropLast().firstIndex(of: ".") {
            inner = (String(name[..<dot]), String(name[name.index(after: dot)..<name.index(before: name.endIndex)]))
        }
        if let (question, code) = inner, let field = byName[question.lowercased()] {
            if fields[field].valueType == .rank, let position = Int(code), position >= 1 { return .rankPosition(field: field, position: position) }
            if code.lowercased() == "other", let otherField = byName[fields[field].question.otherName.lowercased()] {
                return .otherText(field: field, otherField: otherField)
            }
            if let role = option(field, code, fields, survey) { return role }
        }
        if let field = byLabel[name.folded] { return .variable(field) }
        return nil
    }

    private static func option(_ field: Int, _ code: String, _ fields: [AnswerField], _ survey: Survey) -> Role? {
        guard fields[field].valueType == .selectMultiple else { return nil }
        let choice = survey.choices(for: fields[field].question).first { $0.value.lowercased() == code.lowercased() }
        return choice.map { .option(field: field, code: $0.value) }
    }

    private func checkRequired(_ fields: [AnswerField], file: String) throws(ImportError) {
        var covered = Set<Int>()
        for role in roles {
            switch role {
            case let .variable(field), let .option(field, _), let .rankPosition(field, _): covered.insert(field)
            case let .otherText(field, otherField): covered.formUnion([field, otherField])
            case .responseId, .ignored: break
            }
        }
        let missing = fields.enumerated().filter { index, field in
            field.question.required && field.kind != .otherText && !covered.contains(index)
        }.map(\.element.name)
        if !missing.isEmpty { throw ImportError.missingRequiredColumns(file: file, names: missing) }
    }
}

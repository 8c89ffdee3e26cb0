/// A mapping file for imports (`--mapping FILE.yaml`): which column holds the response id, which
/// column answers which question, and columns to ignore without a warning.
///
/// ```yaml
/// id_column: "ID de la réponse"
/// columns:
///   "Q1. Démarches coordonnées": demarches
///   "ETP": etp_coordination
/// ignore: [submitdate, lastpage]
/// ```
public struct ColumnMapping: Sendable, Equatable {
    public var idColumn: String?
    /// Header text → variable name.
    public var columns: [String: String]
    public var ignore: Set<String>

    /// Creates a mapping.
    public init(idColumn: String? = nil, columns: [String: String] = [:], ignore: Set<String> = []) {
        self.idColumn = idColumn
        self.columns = columns
        self.ignore = ignore
    }

    /// Parses a mapping file and checks its variables against the survey.
    public static func parse(_ text: String, file: String, survey: Survey) throws(SourceProblems) -> ColumnMapping {
        let reader = YAMLReader(file: file)
        guard let root = reader.compose(text),
              let top = reader.fields(root, allowed: ["id_column", "columns", "ignore"], context: "the mapping") else {
            throw SourceProblems(reader.problems)
        }
        var columns: [String: String] = [:]
        let variables = Set(survey.fields.map(\.name))
        if let node = top.node("columns") {
            if case let .mapping(mapping) = node {
                for (key, value) in mapping {
                    guard let header = key.scalar?.string, let variable = value.scalar?.string else {
                        reader.report("each entry of 'columns' maps a column header to a question name", at: key)
                        continue
                    }
                    if !variables.contains(variable) {
                        reader.report("column '\(header)' is mapped to '\(variable)', which is not a question of survey '\(survey.id)'", at: value)
                    }
                    columns[header] = variable
                }
            } else {
                reader.report("'columns' must map column headers to question names", at: node)
            }
        }
        let mapping = ColumnMapping(idColumn: top.string("id_column"), columns: columns, ignore: Set(top.strings("ignore") ?? []))
        guard reader.problems.isEmpty else { throw SourceProblems(reader.problems) }
        return mapping
    }
}

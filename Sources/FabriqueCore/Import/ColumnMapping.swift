/// A mapping file for imports (`--mapping FILE.yaml`): which column holds the response id, which
/// column answers which question (by header or by position), and columns to ignore without a warning.
///
/// ```yaml
/// id_column: "ID de la réponse"
/// columns:
///   "Q1. Démarches coordonnées": demarches
///   "Démarches : CLS": demarches/cls      # one choice's column (also demarches[cls])
///   "ETP": etp_coordination
/// positions:
///   12: commentaire                       # the 12th column, whatever its header (duplicate headers)
/// ignore: [submitdate, lastpage]
/// ignore_positions: [13]
/// ```
public struct ColumnMapping: Sendable, Equatable {
    public var idColumn: String?
    /// Header text → target: a variable, or one choice's or rank's column (`q/code`, `q[code]`, `q[1]`, `q[other]`).
    public var columns: [String: String]
    /// Column position (1 = first) → target, as in `columns`; wins over the header.
    public var positions: [Int: String]
    public var ignore: Set<String>
    /// Column positions (1 = first) to ignore without a warning.
    public var ignorePositions: Set<Int>

    /// Creates a mapping.
    public init(
        idColumn: String? = nil, columns: [String: String] = [:], positions: [Int: String] = [:], ignore: Set<String> = [],
        ignorePositions: Set<Int> = []
    ) {
        self.idColumn = idColumn
        self.columns = columns
        self.positions = positions
        self.ignore = ignore
        self.ignorePositions = ignorePositions
    }

    /// The variable a target names: `q` for `q`, `q/code`, `q[code]` and `q___code`.
    public static func variable(of target: String) -> String {
        if let slash = target.lastIndex(of: "/") { return String(target[..<slash]).split(separator: "/").last.map(String.init) ?? target }
        if let open = target.firstIndex(of: "["), target.hasSuffix("]") { return String(target[..<open]) }
        if let range = target.range(of: "___") { return String(target[..<range.lowerBound]) }
        return target
    }

    /// Parses a mapping file and checks its variables against the survey.
    public static func parse(_ text: String, file: String, survey: Survey) throws(SourceProblems) -> ColumnMapping {
        let reader = YAMLReader(file: file)
        guard let root = reader.compose(text),
            let top = reader.fields(root, allowed: ["id_column", "columns", "positions", "ignore", "ignore_positions"], context: "the mapping")
        else {
            throw SourceProblems(reader.problems)
        }
        let variables = Set(survey.fields.map(\.name) + survey.sections.flatMap(\.questions).map(\.name))
        func targets(_ key: String, what: String) -> [(String, String)] {
            guard let node = top.node(key) else { return [] }
            guard case .mapping(let mapping) = node else {
                reader.report("'\(key)' must map \(what) to question names", at: node)
                return []
            }
            var result: [(String, String)] = []
            for (key, value) in mapping {
                guard let header = key.scalar?.string, let target = value.scalar?.string else {
                    reader.report("each entry of '\(key)' maps \(what) to a question name", at: key)
                    continue
                }
                if !variables.contains(target), !variables.contains(variable(of: target)) {
                    reader.report("column '\(header)' is mapped to '\(target)', which is not a question of survey '\(survey.id)'", at: value)
                }
                result.append((header, target))
            }
            return result
        }
        let columns = Dictionary(targets("columns", what: "column headers"), uniquingKeysWith: { _, last in last })
        var positions: [Int: String] = [:]
        for (key, target) in targets("positions", what: "column positions (1 = first column)") {
            guard let position = Int(key), position >= 1 else {
                reader.report("'positions' keys are column positions, 1 for the first column: '\(key)' is not one", at: top.node("positions")!)
                continue
            }
            positions[position] = target
        }
        var ignorePositions: Set<Int> = []
        for text in top.strings("ignore_positions") ?? [] {
            guard let position = Int(text), position >= 1 else {
                reader.report(
                    "'ignore_positions' lists column positions, 1 for the first column: '\(text)' is not one", at: top.node("ignore_positions")!)
                continue
            }
            ignorePositions.insert(position)
        }
        let mapping = ColumnMapping(
            idColumn: top.string("id_column"), columns: columns, positions: positions,
            ignore: Set(top.strings("ignore") ?? []), ignorePositions: ignorePositions)
        guard reader.problems.isEmpty else { throw SourceProblems(reader.problems) }
        return mapping
    }
}

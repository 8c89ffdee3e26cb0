import FabriqueCore

/// Splits a filter into conditions SQLite can apply (`${question} = 'code'` on text answers, joined
/// by `and`) and the rest, which Core's evaluator applies row by row. Per-region tables then read
/// only that region's rows.
struct FilterPushdown {
    /// Column = canonical text conditions, all of which must hold.
    var equalities: [(column: String, value: String)] = []
    /// What is left, or nil.
    var residual: FormExpression?

    init(_ filter: FormExpression, fields: [String: AnswerField]) {
        var rest: [FormExpression] = []
        for conjunct in Self.conjuncts(filter) {
            if let (column, value) = Self.equality(conjunct), let field = fields[column], field.valueType == .selectOne || field.valueType == .text {
                equalities.append((column, value))
            } else {
                rest.append(conjunct)
            }
        }
        residual = rest.dropFirst().reduce(rest.first) { lhs, rhs in lhs.map { .binary(.and, $0, rhs) } }
    }

    private static func conjuncts(_ expression: FormExpression) -> [FormExpression] {
        if case .binary(.and, let lhs, let rhs) = expression { return conjuncts(lhs) + conjuncts(rhs) }
        return [expression]
    }

    private static func equality(_ expression: FormExpression) -> (String, String)? {
        switch expression {
        case .binary(.equal, .reference(let name, _), .string(let value)), .binary(.equal, .string(let value), .reference(let name, _)):
            return value.isEmpty ? nil : (name, value)
        default:
            return nil
        }
    }
}

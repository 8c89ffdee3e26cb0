extension FormExpression {
    /// Canonical source text: parsing it gives back the same tree. Binary operations are
    /// parenthesised so that the text never depends on precedence.
    public var source: String {
        switch self {
        case .number(let value): return value < 0 ? "(\(ExpressionValue.plainDecimal(value)))" : ExpressionValue.plainDecimal(value)
        case .string(let text): return text.contains("'") ? "\"\(text)\"" : "'\(text)'"
        case .reference(let name, _), .resolved(let name, _, _): return "${\(name)}"
        case .current: return "."
        case .attribute(let name, _): return name
        case .negate(let operand): return "-\(operand.source)"
        case .binary(let op, let lhs, let rhs): return "(\(lhs.source) \(op.rawValue) \(rhs.source))"
        case .call(let function, let arguments): return "\(function.rawValue)(\(arguments.map(\.source).joined(separator: ", ")))"
        }
    }

    /// The tree with source offsets set to zero, to compare trees parsed from different texts.
    public var withoutOffsets: FormExpression {
        switch self {
        case .number, .string, .current: return self
        case .reference(let name, _), .resolved(let name, _, _): return .reference(name, offset: 0)
        case .attribute(let name, _): return .attribute(name, offset: 0)
        case .negate(let operand): return .negate(operand.withoutOffsets)
        case .binary(let op, let lhs, let rhs): return .binary(op, lhs.withoutOffsets, rhs.withoutOffsets)
        case .call(let function, let arguments): return .call(function, arguments.map(\.withoutOffsets))
        }
    }
}

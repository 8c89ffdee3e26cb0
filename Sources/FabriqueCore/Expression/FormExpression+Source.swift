extension FormExpression {
    /// Canonical source text: parsing it gives back the same tree. Binary operations are
    /// parenthesised so that the text never depends on precedence.
    public var source: String {
        switch self {
        case let .number(value): return value < 0 ? "(\(ExpressionValue.plainDecimal(value)))" : ExpressionValue.plainDecimal(value)
        case let .string(text): return text.contains("'") ? "\"\(text)\"" : "'\(text)'"
        case let .reference(name, _), let .resolved(name, _, _): return "${\(name)}"
        case .current: return "."
        case let .attribute(name, _): return name
        case let .negate(operand): return "-\(operand.source)"
        case let .binary(op, lhs, rhs): return "(\(lhs.source) \(op.rawValue) \(rhs.source))"
        case let .call(function, arguments): return "\(function.rawValue)(\(arguments.map(\.source).joined(separator: ", ")))"
        }
    }

    /// The tree with source offsets set to zero, to compare trees parsed from different texts.
    public var withoutOffsets: FormExpression {
        switch self {
        case .number, .string, .current: return self
        case let .reference(name, _), let .resolved(name, _, _): return .reference(name, offset: 0)
        case let .attribute(name, _): return .attribute(name, offset: 0)
        case let .negate(operand): return .negate(operand.withoutOffsets)
        case let .binary(op, lhs, rhs): return .binary(op, lhs.withoutOffsets, rhs.withoutOffsets)
        case let .call(function, arguments): return .call(function, arguments.map(\.withoutOffsets))
        }
    }
}

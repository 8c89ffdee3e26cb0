/// The syntax tree of an expression of the questionnaire language (XLSForm style):
/// `${name}`, `.`, literals, comparisons, `and`/`or`, arithmetic and functions.
public indirect enum FormExpression: Sendable, Hashable {
    /// A number literal.
    case number(Double)
    /// A string literal.
    case string(String)
    /// `${name}`: the answer to another question; `offset` is where it starts in the source.
    case reference(String, offset: Int)
    /// `${name}` resolved to the position of its answer by the one who evaluates it
    /// (`resolvingReferences(_:)`), so that evaluation reads an array instead of hashing the name.
    case resolved(String, offset: Int, slot: Int)
    /// `.`: the answer being checked, in a constraint.
    case current
    /// A bare name: an attribute of a choice item, in a `choice_filter`.
    case attribute(String, offset: Int)
    /// `-x`.
    case negate(FormExpression)
    /// A binary operation.
    case binary(BinaryOperator, FormExpression, FormExpression)
    /// A function call with its arguments.
    case call(ExpressionFunction, [FormExpression])

    /// Every `${name}` in the expression, in source order, with its offset.
    public var references: [(name: String, offset: Int)] {
        var found: [(String, Int)] = []
        visit { node in
            switch node {
            case .reference(let name, let offset), .resolved(let name, let offset, _): found.append((name, offset))
            default: break
            }
        }
        return found
    }

    /// Whether the expression uses `.`.
    public var usesCurrent: Bool {
        var found = false
        visit { if case .current = $0 { found = true } }
        return found
    }

    /// Whether the value depends on `.` and `today()` alone: for one validation date, it is the
    /// same for the same answer whatever the rest of the response.
    public var dependsOnCurrentAndTodayAlone: Bool {
        var alone = true
        visit { node in
            switch node {
            case .reference, .resolved, .attribute: alone = false
            default: break
            }
        }
        return alone
    }

    /// Every bare attribute name, with its offset.
    public var attributes: [(name: String, offset: Int)] {
        var found: [(String, Int)] = []
        visit { node in
            if case .attribute(let name, let offset) = node { found.append((name, offset)) }
        }
        return found
    }

    /// The tree with each `${name}` found in `slots` resolved to its position (`.resolved`);
    /// evaluation then reads `EvaluationContext.slot`. Unknown names stay references.
    public func resolvingReferences(_ slots: [String: Int]) -> FormExpression {
        switch self {
        case .number, .string, .current, .attribute, .resolved: return self
        case .reference(let name, let offset): return slots[name].map { .resolved(name, offset: offset, slot: $0) } ?? self
        case .negate(let operand): return .negate(operand.resolvingReferences(slots))
        case .binary(let op, let lhs, let rhs): return .binary(op, lhs.resolvingReferences(slots), rhs.resolvingReferences(slots))
        case .call(let function, let arguments): return .call(function, arguments.map { $0.resolvingReferences(slots) })
        }
    }

    /// Calls `body` on this node and every node below it, depth first.
    public func visit(_ body: (FormExpression) -> Void) {
        body(self)
        switch self {
        case .number, .string, .reference, .resolved, .current, .attribute: break
        case .negate(let operand): operand.visit(body)
        case .binary(_, let lhs, let rhs):
            lhs.visit(body)
            rhs.visit(body)
        case .call(_, let arguments):
            for argument in arguments { argument.visit(body) }
        }
    }
}

/// The binary operators, from the loosest binding to the tightest.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or, and
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "div"
    case modulo = "mod"

    /// Binding strength: a higher number binds tighter.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual: 3
        case .less, .lessOrEqual, .greater, .greaterOrEqual: 4
        case .add, .subtract: 5
        case .multiply, .divide, .modulo: 6
        }
    }
}

/// The functions of the expression language, with their arity.
public enum ExpressionFunction: String, Sendable, Hashable, CaseIterable {
    case selected
    case countSelected = "count-selected"
    case stringLength = "string-length"
    case `if`
    case coalesce
    case today
    case formatDate = "format-date"
    case number
    case int
    case round
    case concat
    case not
    case `true`
    case `false`
    case regex

    /// The smallest and largest number of arguments accepted.
    public var arity: ClosedRange<Int> {
        switch self {
        case .today, .true, .false: 0...0
        case .countSelected, .stringLength, .number, .int, .not: 1...1
        case .selected, .coalesce, .formatDate, .regex: 2...2
        case .round: 1...2
        case .if: 3...3
        case .concat: 1...32
        }
    }
}

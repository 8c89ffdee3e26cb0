/// A constraint made only of comparisons of the answer (`.`), or of `count-selected(.)`, with
/// numbers, joined by `and` (`. >= 0 and . <= 100`, `count-selected(.) <= 5`): the shapes most
/// numeric constraints take. A bulk import judges them for every amount too varied to be parsed
/// once; here they are judged on the answer's number without an expression context, with the
/// evaluator's verdict (a test compares both).
struct AnswerBounds: Sendable {
    struct Bound: Sendable {
        /// The comparison as `answer op limit` (a limit written first is turned round).
        let op: BinaryOperator
        let limit: Double
        /// Whether the answer's number is its count of selected codes.
        let countsSelected: Bool
    }

    let bounds: [Bound]

    /// The bounds of a constraint of that shape, or nil.
    init?(_ expression: FormExpression) {
        var bounds: [Bound] = []
        guard Self.collect(expression, into: &bounds) else { return nil }
        self.bounds = bounds
    }

    private static func collect(_ expression: FormExpression, into bounds: inout [Bound]) -> Bool {
        switch expression {
        case let .binary(.and, lhs, rhs):
            return collect(lhs, into: &bounds) && collect(rhs, into: &bounds)
        case let .binary(op, lhs, rhs) where [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op):
            if let counts = answer(lhs), case let .number(limit) = rhs {
                bounds.append(Bound(op: op, limit: limit, countsSelected: counts))
                return true
            }
            if case let .number(limit) = lhs, let counts = answer(rhs) {
                bounds.append(Bound(op: turned(op), limit: limit, countsSelected: counts))
                return true
            }
            return false
        default:
            return false
        }
    }

    /// For `.`: false; for `count-selected(.)`: true; anything else: nil.
    private static func answer(_ expression: FormExpression) -> Bool? {
        switch expression {
        case .current: false
        case let .call(.countSelected, arguments) where arguments.count == 1 && arguments[0] == .current: true
        default: nil
        }
    }

    /// `limit op answer` written as `answer op' limit`.
    private static func turned(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        default: .lessOrEqual
        }
    }

    /// The verdict for an answer, or nil when the answer is not a number (the caller then
    /// evaluates the expression, which compares texts).
    func judge(_ answer: ExpressionValue) -> Bool? {
        var number: Double?
        if case let .number(value) = answer { number = value }
        for bound in bounds {
            let value: Double
            if bound.countsSelected {
                value = Double(answer.asList.count)
            } else if let number {
                value = number
            } else {
                return nil
            }
            let holds = switch bound.op {
            case .less: value < bound.limit
            case .lessOrEqual: value <= bound.limit
            case .greater: value > bound.limit
            default: value >= bound.limit
            }
            if !holds { return false }
        }
        return true
    }
}

/// A constraint made only of comparisons of the answer (`.`), or of `count-selected(.)`, with a
/// number, a text, `today()` or `format-date(today(), '…')`, joined by `and`: `. >= 0 and
/// . <= 100`, `count-selected(.) <= 5`, `. <= today()`, `. <= format-date(today(), '%Y')`, the
/// shapes most constraints take. A bulk import judges them for every amount or date too varied
/// to be parsed once; here each comparison is made by the evaluator's own `compare` on the
/// answer and the limit, without an expression context, `today()` being the workspace's text
/// (a `format-date(today(), …)` limit is still formatted per answer). A test compares both ways.
struct AnswerBounds: Sendable {
    enum Limit: Sendable {
        case value(ExpressionValue)
        case today
        case todayFormatted(String)
    }

    struct Bound: Sendable {
        let op: BinaryOperator
        /// Whether the answer is written on the left (`. >= 0`) or on the right (`0 <= .`).
        let answerFirst: Bool
        /// Whether the answer's side is its count of selected codes.
        let countsSelected: Bool
        let limit: Limit
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
        case .binary(.and, let lhs, let rhs):
            return collect(lhs, into: &bounds) && collect(rhs, into: &bounds)
        case .binary(let op, let lhs, let rhs) where [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op):
            if let counts = answer(lhs), let limit = limit(rhs) {
                bounds.append(Bound(op: op, answerFirst: true, countsSelected: counts, limit: limit))
                return true
            }
            if let limit = limit(lhs), let counts = answer(rhs) {
                bounds.append(Bound(op: op, answerFirst: false, countsSelected: counts, limit: limit))
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
        case .call(.countSelected, let arguments) where arguments == [.current]: true
        default: nil
        }
    }

    private static func limit(_ expression: FormExpression) -> Limit? {
        switch expression {
        case .number(let value): .value(.number(value))
        case .negate(.number(let value)): .value(.number(-value))
        case .string(let text): .value(.string(text))
        case .call(.today, []): .today
        case .call(.formatDate, let arguments) where arguments.count == 2 && arguments[0] == .call(.today, []):
            if case .string(let format) = arguments[1] { .todayFormatted(format) } else { nil }
        default: nil
        }
    }

    /// Whether the answer meets every bound; `todayText` is what `today()` gives.
    func isMet(by answer: ExpressionValue, today todayText: ExpressionValue) -> Bool {
        var selected: ExpressionValue?
        for bound in bounds {
            let side: ExpressionValue
            if bound.countsSelected {
                if selected == nil { selected = .number(Double(answer.asList.count)) }
                side = selected!
            } else {
                side = answer
            }
            let limit: ExpressionValue =
                switch bound.limit {
                case .value(let value): value
                case .today: todayText
                case .todayFormatted(let format): CalendarDate(iso: todayText.asString).map { .string($0.formatted(format)) } ?? .empty
                }
            let holds = bound.answerFirst ? FormExpression.compare(bound.op, side, limit) : FormExpression.compare(bound.op, limit, side)
            if !holds { return false }
        }
        return true
    }
}

import Foundation

/// What an expression can see while it is evaluated.
public struct EvaluationContext {
    /// The value of `${name}`.
    public var value: (String) -> ExpressionValue
    /// The value of a resolved `${name}` by its position, when the evaluator resolved them.
    public var slot: ((Int) -> ExpressionValue)?
    /// The value of `.`.
    public var current: ExpressionValue
    /// The value of a bare attribute name (choice filters).
    public var attribute: (String) -> ExpressionValue
    /// What `today()` returns, as `yyyy-mm-dd`. Core does no I/O, so the caller supplies the date.
    public var today: CalendarDate

    /// Creates a context; by default every name is unanswered.
    public init(
        today: CalendarDate,
        current: ExpressionValue = .empty,
        value: @escaping (String) -> ExpressionValue = { _ in .empty },
        attribute: @escaping (String) -> ExpressionValue = { _ in .empty }
    ) {
        self.today = today
        self.current = current
        self.value = value
        self.attribute = attribute
    }
}

extension FormExpression {
    /// Evaluates the expression. Evaluation never fails: a value that does not fit an operation
    /// makes the result empty (arithmetic) or false (comparison), as in XLSForm tools.
    public func evaluate(in context: EvaluationContext) -> ExpressionValue {
        switch self {
        case .number(let value): return .number(value)
        case .string(let text): return .string(text)
        case .reference(let name, _): return context.value(name)
        case .resolved(let name, _, let slot): return context.slot.map { $0(slot) } ?? context.value(name)
        case .current: return context.current
        case .attribute(let name, _): return context.attribute(name)
        case .negate(let operand):
            return operand.evaluate(in: context).asNumber.map { .number(-$0) } ?? .empty
        case .binary(let op, let lhs, let rhs):
            return Self.apply(op, lhs, rhs, context)
        case .call(let function, let arguments):
            return Self.call(function, arguments, context)
        }
    }

    /// Evaluates the expression as a condition. The shapes of skip logic and choice filters
    /// (`and`, `or`, `not`, `selected(${q}, 'code')`, `selected(${q}, value)`, `${q} = 'code'`)
    /// are judged without building the values that `evaluate` would return, with the same
    /// results (a test compares both on every shape).
    public func isTrue(in context: EvaluationContext) -> Bool {
        switch self {
        case .binary(.and, let lhs, let rhs):
            return lhs.isTrue(in: context) && rhs.isTrue(in: context)
        case .binary(.or, let lhs, let rhs):
            return lhs.isTrue(in: context) || rhs.isTrue(in: context)
        case .call(.not, let arguments) where arguments.count == 1:
            return !arguments[0].isTrue(in: context)
        case .call(.selected, let arguments) where arguments.count == 2:
            let answer = arguments[0].evaluate(in: context)
            return Self.isSelected(arguments[1].evaluate(in: context).asString, in: answer)
        case .binary(.equal, let lhs, .string(let text)):
            return Self.equals(lhs.evaluate(in: context), text)
        case .binary(.notEqual, let lhs, .string(let text)):
            return !Self.equals(lhs.evaluate(in: context), text)
        default:
            break
        }
        return evaluate(in: context).asBoolean
    }

    /// `selected(answer, 'code')`: whether the code is one of the answer's space-separated codes.
    static func isSelected(_ code: String, in answer: ExpressionValue) -> Bool {
        switch answer {
        case .empty: return false
        case .list(let items): return items.contains(code)
        case .string(let text):
            // No space in it, as a select_one answer: the split would give the text itself.
            if !text.utf8.contains(where: String.isASCIIWhitespace) { return !text.isEmpty && text == code }
        default: break
        }
        return answer.asList.contains(code)
    }

    /// `value = 'text'`, as `equals(value, .string(text))` judges it.
    static func equals(_ value: ExpressionValue, _ text: String) -> Bool {
        switch value {
        case .empty: return text.isEmpty
        case .string(let answer): return answer == text
        default: return equals(value, .string(text))
        }
    }

    private static func apply(_ op: BinaryOperator, _ lhs: FormExpression, _ rhs: FormExpression, _ context: EvaluationContext) -> ExpressionValue {
        switch op {
        case .and: return .boolean(lhs.isTrue(in: context) && rhs.isTrue(in: context))
        case .or: return .boolean(lhs.isTrue(in: context) || rhs.isTrue(in: context))
        default: break
        }
        let a = lhs.evaluate(in: context)
        let b = rhs.evaluate(in: context)
        switch op {
        case .equal: return .boolean(equals(a, b))
        case .notEqual: return .boolean(!equals(a, b))
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return .boolean(compare(op, a, b))
        default: return arithmetic(op, a, b)
        }
    }

    static func equals(_ a: ExpressionValue, _ b: ExpressionValue) -> Bool {
        switch (a, b) {
        case (.boolean, _), (_, .boolean):
            return a.asBoolean == b.asBoolean
        case (.number, _), (_, .number):
            guard let x = a.asNumber, let y = b.asNumber else { return false }
            return x == y
        default:
            return a.asString == b.asString
        }
    }

    /// Numbers compare numerically; otherwise two non-empty texts compare in UTF-16 order,
    /// which orders ISO dates correctly and matches JavaScript's `<`.
    static func compare(_ op: BinaryOperator, _ a: ExpressionValue, _ b: ExpressionValue) -> Bool {
        let order: Int
        if let x = a.asNumber, let y = b.asNumber {
            order = x < y ? -1 : (x > y ? 1 : 0)
        } else {
            let s = a.asString
            let t = b.asString
            guard !s.isEmpty, !t.isEmpty else { return false }
            order = utf16Order(s, t)
        }
        switch op {
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    /// -1, 0 or 1 as `s` comes before, equals or comes after `t` in UTF-16 order. UTF-8 bytes
    /// sort as code points do, and so as UTF-16 does below U+E000: texts without a byte from
    /// 0xEE up (dates, codes, any French text) are compared byte for byte.
    static func utf16Order(_ s: String, _ t: String) -> Int {
        var s = s
        var t = t
        let bytewise: Int? = s.withUTF8 { x in
            t.withUTF8 { y in
                guard !x.contains(where: { $0 >= 0xEE }), !y.contains(where: { $0 >= 0xEE }) else { return nil }
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                if order != 0 { return order < 0 ? -1 : 1 }
                return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
            }
        }
        if let bytewise { return bytewise }
        if s.utf16.elementsEqual(t.utf16) { return 0 }
        return s.utf16.lexicographicallyPrecedes(t.utf16) ? -1 : 1
    }

    private static func arithmetic(_ op: BinaryOperator, _ a: ExpressionValue, _ b: ExpressionValue) -> ExpressionValue {
        guard let x = a.asNumber, let y = b.asNumber else { return .empty }
        let result: Double
        switch op {
        case .add: result = x + y
        case .subtract: result = x - y
        case .multiply: result = x * y
        case .divide: result = y == 0 ? .nan : x / y
        default: result = y == 0 ? .nan : x.truncatingRemainder(dividingBy: y)
        }
        return result.isFinite ? .number(result) : .empty
    }

    private static func call(_ function: ExpressionFunction, _ arguments: [FormExpression], _ context: EvaluationContext) -> ExpressionValue {
        func argument(_ index: Int) -> ExpressionValue { arguments[index].evaluate(in: context) }
        switch function {
        case .selected:
            return .boolean(argument(0).asList.contains(argument(1).asString))
        case .countSelected:
            return .number(Double(argument(0).asList.count))
        case .stringLength:
            return .number(Double(argument(0).asString.unicodeScalars.count))
        case .if:
            return arguments[0].isTrue(in: context) ? argument(1) : argument(2)
        case .coalesce:
            let first = argument(0)
            return first.isEmpty ? argument(1) : first
        case .today:
            return .string(context.today.description)
        case .formatDate:
            guard let date = CalendarDate(iso: argument(0).asString) else { return .empty }
            return .string(date.formatted(argument(1).asString))
        case .number:
            return argument(0).asNumber.map(ExpressionValue.number) ?? .empty
        case .int:
            return argument(0).asNumber.map { .number($0.rounded(.towardZero)) } ?? .empty
        case .round:
            guard let x = argument(0).asNumber else { return .empty }
            let digits = arguments.count > 1 ? (argument(1).asNumber ?? 0).rounded(.towardZero) : 0
            let scale = pow(10, digits)
            let rounded = (abs(x) * scale + 0.5).rounded(.down) / scale
            return rounded.isFinite ? .number(x < 0 ? -rounded : rounded) : .empty
        case .concat:
            return .string(arguments.map { $0.evaluate(in: context).asString }.joined())
        case .not:
            return .boolean(!arguments[0].isTrue(in: context))
        case .true:
            return .boolean(true)
        case .false:
            return .boolean(false)
        case .regex:
            guard let regex = RegexCache.shared.regex(argument(1).asString) else { return .boolean(false) }
            let text = argument(0).asString
            return .boolean(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
        }
    }
}

/// Compiled patterns of `regex()`, kept because a bulk import evaluates the same few patterns
/// millions of times and compiling one costs more than matching it.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiled[pattern] { return known }
        let regex = try? NSRegularExpression(pattern: pattern)
        if compiled.count < 256 { compiled[pattern] = regex }
        return regex
    }
}

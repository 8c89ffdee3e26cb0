/// A value during evaluation. The conversions here are the language's semantics; the JavaScript
/// runtime (`ExpressionJavaScript.runtime`) implements the same rules, function for function.
public enum ExpressionValue: Sendable, Hashable {
    /// An unanswered question. It equals `''` and makes arithmetic empty.
    case empty
    case number(Double)
    case string(String)
    case boolean(Bool)
    /// The codes of a select_multiple or rank answer.
    case list([String])

    /// Truth value: empty, 0, '' and an empty list are false.
    public var asBoolean: Bool {
        switch self {
        case .empty: false
        case .number(let value): value != 0 && !value.isNaN
        case .string(let text): !text.isEmpty
        case .boolean(let value): value
        case .list(let items): !items.isEmpty
        }
    }

    /// Numeric value, or nil when the value is not a number (`''`, `'abc'`, a list).
    public var asNumber: Double? {
        switch self {
        case .empty, .list: nil
        case .number(let value): value.isNaN ? nil : value
        case .boolean(let value): value ? 1 : 0
        case .string(let text): Self.parseNumber(text)
        }
    }

    /// Text value; numbers print without a trailing `.0` when whole.
    public var asString: String {
        switch self {
        case .empty: ""
        case .number(let value): Self.format(value)
        case .string(let text): text
        case .boolean(let value): value ? "true" : "false"
        case .list(let items): items.joined(separator: " ")
        }
    }

    /// List value: a string is split on spaces, as select_multiple answers are stored.
    public var asList: [String] {
        switch self {
        case .empty: []
        case .list(let items): items
        default: asString.splitOnASCIIWhitespace()
        }
    }

    /// Whether the value counts as unanswered: its text is empty. A number or a boolean never
    /// prints as empty text, so it is not printed to find out.
    public var isEmpty: Bool {
        switch self {
        case .empty: true
        case .number, .boolean: false
        case .string(let text): text.isEmpty
        case .list(let items): items.count <= 1 && (items.first?.isEmpty ?? true)
        }
    }

    /// Parses `-?digits[.digits]` or `-?.digits` after trimming; anything else is not a number.
    public static func parseNumber(_ raw: String) -> Double? {
        var text = raw.trimmingASCIIWhitespace()
        // Whole numbers of up to 15 digits, the usual case, are read from the bytes exactly.
        let whole: Double?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            let negative = bytes.first == UInt8(ascii: "-")
            let digits = negative ? bytes.count - 1 : bytes.count
            guard digits > 0, digits <= 15 else { return nil }
            var value: Int64 = 0
            for byte in bytes.dropFirst(negative ? 1 : 0) {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return negative ? -Double(value) : Double(value)
        }
        if let whole, let whole { return whole }
        // The shape is checked on the bytes: dates and codes, compared with numbers in
        // constraints, are refused at their first byte that is not a digit or a point.
        let shaped = text.withUTF8 { bytes -> Bool in
            var digits = 0
            var points = 0
            for byte in bytes.dropFirst(bytes.first == UInt8(ascii: "-") ? 1 : 0) {
                if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    digits += 1
                } else if byte == UInt8(ascii: ".") {
                    points += 1
                } else {
                    return false
                }
            }
            return digits > 0 && points <= 1
        }
        guard shaped else { return nil }
        if text.hasSuffix(".") { text.removeLast() }
        if text.hasPrefix(".") { text = "0" + text }
        if text.hasPrefix("-.") { text = "-0" + text.dropFirst() }
        return Double(text)
    }

    /// Formats a number exactly as JavaScript's `String(n)` does (ECMAScript Number::toString),
    /// from Swift's shortest round-trip digits, so that server and browser print the same text.
    public static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if value < 0 { return "-" + format(-value) }
        if value == value.rounded(), value < 1e15 { return String(Int64(value)) }
        let text = "\(value)"
        // Swift's shortest digits in fixed notation are already JavaScript's text.
        if !text.utf8.contains(UInt8(ascii: "e")), !text.hasSuffix(".0") { return text }
        return spelledOut(text)
    }

    /// A number as the expression language writes it: `format`'s text, but never in exponent
    /// notation, which the lexer does not read (found by the fuzzer: `1e+109` as a source).
    static func plainDecimal(_ value: Double) -> String {
        let text = format(value)
        guard value.isFinite, text.utf8.contains(UInt8(ascii: "e")) else { return text }
        return (value < 0 ? "-" : "") + spelledOut("\(value.magnitude)", fixed: true)
    }

    /// JavaScript's text for a positive number from Swift's description of it (shortest digits,
    /// fixed or exponent notation); with `fixed`, always in fixed notation.
    static func spelledOut(_ text: String, fixed: Bool = false) -> String {
        // value = 0.DIGITS × 10^n, with DIGITS free of leading and trailing zeros.
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var n = parts[0].count + exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            n -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let k = digits.count
        if k <= n, fixed || n <= 21 { return digits + String(repeating: "0", count: n - k) }
        if 0 < n, fixed || n <= 21 { return String(digits.prefix(n)) + "." + String(digits.dropFirst(n)) }
        if fixed || -6 < n, n <= 0 { return "0." + String(repeating: "0", count: -n) + digits }
        let e = n - 1
        let exponentText = (e >= 0 ? "+" : "-") + String(abs(e))
        return k == 1 ? digits + "e" + exponentText : String(digits.prefix(1)) + "." + String(digits.dropFirst()) + "e" + exponentText
    }
}

/// Reads typed answers the way French respondents write them: `0,5`, `1 200`, `15/03/2024`.
public enum AnswerParsing {
    /// Removes spaces used as thousands separators (including non-breaking ones).
    private static func compact(_ text: String) -> String {
        let trimmed = text.trimmingASCIIWhitespace()
        // Plain ASCII digits need no work: the common case in bulk imports.
        if trimmed.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x20 }) { return trimmed }
        return String(trimmed.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" })
    }

    /// A whole number, or nil.
    public static func integer(_ text: String) -> Int? {
        var body = compact(text)
        if body.hasPrefix("+") { body.removeFirst() }
        guard !body.isEmpty, body.count <= 18 else { return nil }
        return Int(body)
    }

    /// A decimal number with `,` or `.` as decimal separator, or nil.
    public static func decimal(_ text: String) -> Double? {
        var body = compact(text)
        if body.utf8.contains(UInt8(ascii: ",")) { body = String(body.map { $0 == "," ? "." : $0 }) }
        if body.hasPrefix("+") { body.removeFirst() }
        guard let value = ExpressionValue.parseNumber(body), value.isFinite else { return nil }
        return value
    }

    /// The canonical text of a decimal: `.` separator, no trailing zeros.
    public static func canonical(_ value: Double) -> String {
        ExpressionValue.format(value)
    }
}

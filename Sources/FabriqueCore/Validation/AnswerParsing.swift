/// Reads typed answers the way French respondents write them: `0,5`, `1 200`, `15/03/2024`.
public enum AnswerParsing {
    /// Spaces a French number may hold between groups of thousands: space, no-break space and
    /// narrow no-break space.
    private static func isGroupSeparator(_ character: Character) -> Bool {
        character == " " || character == "\u{00A0}" || character == "\u{202F}"
    }

    private static func isDigit(_ character: Character) -> Bool {
        character >= "0" && character <= "9"
    }

    /// Removes spaces used as thousands separators (`1 200`, `12 500,5`); nil when a space stands
    /// anywhere else, so that `1 2` is not read as twelve.
    private static func compact(_ text: String) -> String? {
        let ascii = text.trimmingASCIIWhitespace()
        // Plain ASCII digits need no work: the common case in bulk imports.
        if ascii.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x20 }) { return ascii }
        guard ascii.contains(where: isGroupSeparator) else { return ascii }
        let trimmed = String(ascii.drop(while: isGroupSeparator).reversed().drop(while: isGroupSeparator).reversed())
        let integerEnd = trimmed.firstIndex { $0 == "," || $0 == "." } ?? trimmed.endIndex
        guard !trimmed[integerEnd...].contains(where: isGroupSeparator) else { return nil }
        var integerPart = trimmed[..<integerEnd]
        let sign = integerPart.first.map { $0 == "-" || $0 == "+" } == true ? String(integerPart.removeFirst()) : ""
        let groups = integerPart.split(omittingEmptySubsequences: false, whereSeparator: isGroupSeparator)
        guard let first = groups.first, (1...3).contains(first.count),
            groups.allSatisfy({ $0.allSatisfy(isDigit) }), groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        return sign + groups.joined() + trimmed[integerEnd...]
    }

    /// A whole number, or nil.
    public static func integer(_ text: String) -> Int? {
        guard var body = compact(text) else { return nil }
        if body.hasPrefix("+") { body.removeFirst() }
        guard !body.isEmpty, body.count <= 18 else { return nil }
        return Int(body)
    }

    /// Whether `text` is a whole number written correctly but with more digits than an answer
    /// may have (18): it is then "too large", not "not a number".
    public static func isTooLargeInteger(_ text: String) -> Bool {
        guard var body = compact(text) else { return false }
        if body.hasPrefix("+") || body.hasPrefix("-") { body.removeFirst() }
        return body.count > 18 && body.allSatisfy(isDigit)
    }

    /// A decimal number with `,` or `.` as decimal separator, or nil.
    public static func decimal(_ text: String) -> Double? {
        guard var body = compact(text) else { return nil }
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

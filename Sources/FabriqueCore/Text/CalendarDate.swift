/// A calendar date without time zone, as questionnaires record it (`yyyy-mm-dd`).
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, such as 2026.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, 1 to 31.
    public var day: Int

    /// Creates a date when the day exists in the calendar, or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `yyyy-mm-dd` (ISO 8601), optionally followed by a time, which is ignored.
    public init?(iso text: String) {
        // Read from the UTF-8 bytes: a bulk import reads a date per row and column.
        var text = text
        let parts: (year: Int, month: Int, day: Int)? = text.withUTF8 { bytes in
            guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                bytes.count == 10 || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ")
            else { return nil }
            func digits(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) else { return nil }
            return (year, month, day)
        }
        guard let parts else { return nil }
        self.init(year: parts.year, month: parts.month, day: parts.day)
    }

    /// Reads a date as French users write it, `dd/mm/yyyy`, or ISO.
    public init?(french text: String) {
        let trimmed = text.trimmingASCIIWhitespace()
        if let iso = CalendarDate(iso: trimmed) {
            self = iso
            return
        }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
            let day = Self.digits(parts[0].unicodeScalars[...]), let month = Self.digits(parts[1].unicodeScalars[...]),
            let year = Self.digits(parts[2].unicodeScalars[...])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    private static func digits<S: Collection>(_ scalars: S) -> Int? where S.Element == Unicode.Scalar {
        var value = 0
        for scalar in scalars {
            guard ("0"..."9").contains(scalar) else { return nil }
            value = value * 10 + Int(scalar.value - 48)
        }
        return scalars.isEmpty ? nil : value
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        String(value).leftPadded(to: width)
    }

    /// `yyyy-mm-dd`.
    public var description: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
        }
        // Ten ASCII bytes make a small string: no allocation, for a date per row of an import.
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, _ width: Int, at start: Int) {
                var rest = value
                for index in (start..<(start + width)).reversed() {
                    buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day, 2, at: 8)
            return 10
        }
    }

    /// `dd/mm/yyyy`, as shown to French users.
    public var french: String { "\(Self.pad(day, 2))/\(Self.pad(month, 2))/\(Self.pad(year, 4))" }

    /// Replaces `%Y`, `%m` and `%d` in a pattern.
    public func formatted(_ pattern: String) -> String {
        var out = ""
        var percent = false
        for character in pattern {
            if percent {
                switch character {
                case "Y": out += Self.pad(year, 4)
                case "m": out += Self.pad(month, 2)
                case "d": out += Self.pad(day, 2)
                default: out += "%" + String(character)
                }
                percent = false
            } else if character == "%" {
                percent = true
            } else {
                out.append(character)
            }
        }
        return percent ? out + "%" : out
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

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
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `yyyy-mm-dd` (ISO 8601), optionally followed by a time, which is ignored.
    public init?(iso text: String) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 10, scalars[4] == "-", scalars[7] == "-",
              scalars.count == 10 || scalars[10] == "T" || scalars[10] == " ",
              let year = Self.digits(scalars[0..<4]), let month = Self.digits(scalars[5..<7]),
              let day = Self.digits(scalars[8..<10]) else { return nil }
        self.init(year: year, month: month, day: day)
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
              let year = Self.digits(parts[2].unicodeScalars[...]) else { return nil }
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
    public var description: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

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

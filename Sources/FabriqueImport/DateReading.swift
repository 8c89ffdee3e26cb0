/// The order of day and month in dates written with slashes (`--date-order`).
public enum DateOrder: String, Sendable, CaseIterable {
    /// 15/03/2024, as French users write dates (the default).
    case dmy
    /// 03/15/2024, as many American exports write dates.
    case mdy
}

/// Reads a date question's cell before the validator does: drops a time (and says so), puts a
/// month-first date in day-first order, and tells which order the date proves, if any.
enum DateReading {
    /// The text for the validator (ISO or day-first with slashes) and what was noticed. Values
    /// that are not dates are passed on unchanged, for the validator to name. Reads the UTF-8
    /// bytes in place: a bulk import reads a date per row and date column.
    static func read(_ value: String, order: DateOrder) -> (text: String, notes: ValueNotes) {
        var copy = value
        let scan = copy.withUTF8(scan)
        switch scan {
        case .other:
            return (value, [])
        case .isoWithTime(let start):
            return (String(value.utf8.dropFirst(start).prefix(10))!, .timeDropped)
        case .slashed(let day, let month, let year, let timeDropped):
            var notes: ValueNotes = timeDropped ? .timeDropped : []
            if day > 12, month <= 12 { notes.insert(.dayFirst) }
            if month > 12, day <= 12 { notes.insert(.monthFirst) }
            if day <= 12, month <= 12, day != month { notes.insert(.ambiguous) }
            guard order == .mdy || timeDropped else { return (value, notes) }
            let (first, second) = order == .mdy ? (month, day) : (day, month)
            return ("\(first)/\(second)/\(year)", notes)
        }
    }

    /// What a cell's bytes hold: an ISO date followed by a time (from `start`), three numbers
    /// separated by slashes (perhaps followed by a time), or anything else.
    private enum Scan {
        case other
        case isoWithTime(start: Int)
        case slashed(Int, Int, Int, timeDropped: Bool)
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Scan {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        // ISO: yyyy-mm-dd, perhaps followed by a time ("2024-03-15 10:30", "2024-03-15T10:30:00Z").
        if end - start >= 10, bytes[start + 4] == 0x2D, bytes[start + 7] == 0x2D {
            guard end - start > 10, bytes[start + 10] == 0x20 || bytes[start + 10] == 0x54 else { return .other }
            return .isoWithTime(start: start)
        }
        // d/m/yyyy, perhaps followed by a space and a time made of digits, colons and dots.
        var timeDropped = false
        if let space = (start..<end).first(where: { bytes[$0] == 0x20 }) {
            guard (space + 1..<end).allSatisfy({ (bytes[$0] >= 0x30 && bytes[$0] <= 0x3A) || bytes[$0] == 0x2E }) else { return .other }
            end = space
            timeDropped = true
        }
        var numbers = (0, 0, 0)
        var part = 0
        var digits = 0
        for index in start..<end {
            let byte = bytes[index]
            if byte == 0x2F {
                guard digits > 0, part < 2 else { return .other }
                part += 1
                digits = 0
            } else {
                guard byte >= 0x30, byte <= 0x39, digits < 4 else { return .other }
                let digit = Int(byte - 0x30)
                switch part {
                case 0: numbers.0 = numbers.0 * 10 + digit
                case 1: numbers.1 = numbers.1 * 10 + digit
                default: numbers.2 = numbers.2 * 10 + digit
                }
                digits += 1
            }
        }
        guard part == 2, digits == 4 else { return .other }
        return .slashed(numbers.0, numbers.1, numbers.2, timeDropped: timeDropped)
    }
}

/// What reading a value noticed without refusing it, kept with each value a column numbers.
struct ValueNotes: OptionSet, Sendable {
    /// The flags.
    let rawValue: UInt8
    /// A time was dropped from a date.
    static let timeDropped = ValueNotes(rawValue: 1)
    /// Day and month could be swapped (9/10/2015).
    static let ambiguous = ValueNotes(rawValue: 2)
    /// The first number is over 12.
    static let dayFirst = ValueNotes(rawValue: 4)
    /// The second number is over 12.
    static let monthFirst = ValueNotes(rawValue: 8)
    /// `n/a` in a question that is not text, read as no answer.
    static let notApplicable = ValueNotes(rawValue: 16)

    /// The summary's note for each flag.
    static let kinds: [(ValueNotes, ImportNote)] = [
        (.timeDropped, .timeDropped), (.ambiguous, .ambiguousDate), (.dayFirst, .dayFirstDate),
        (.monthFirst, .monthFirstDate), (.notApplicable, .notApplicableMarker)
    ]
}

import FabriqueCore
import Foundation
import Synchronization

/// The time as the web app records and shows it.
enum WebClock {
    /// The calendar of the study's respondents, built once (every form request asks for today).
    private static let paris: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .current
        return calendar
    }()

    /// Now, as stored: ISO 8601 in UTC (sorts as text).
    static func now(_ date: Date = Date()) -> String { date.formatted(.iso8601) }

    /// Today's date in France, for `today()` in expressions.
    static func today(_ date: Date = Date()) -> CalendarDate {
        if let known = currentDay.withLock({ $0 }), known.start <= date, date < known.end { return known.day }
        let parts = paris.dateComponents([.year, .month, .day], from: date)
        let day = CalendarDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1) ?? CalendarDate(year: 2000, month: 1, day: 1)!
        let start = paris.startOfDay(for: date)
        if let end = paris.date(byAdding: .day, value: 1, to: start) {
            currentDay.withLock { $0 = (start, end, day) }
        }
        return day
    }

    /// The Paris day last asked for, with its bounds: the calendar is consulted once a day.
    private static let currentDay = Mutex<(start: Date, end: Date, day: CalendarDate)?>(nil)

    /// A stored time shown to French readers: "23/11/2026 à 14:05" (Paris time).
    static func french(_ stored: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: stored) else { return stored }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "dd/MM/yyyy 'à' HH:mm"
        return formatter.string(from: date)
    }
}

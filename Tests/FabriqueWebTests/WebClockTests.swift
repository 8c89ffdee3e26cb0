import Foundation
import Testing

@testable import FabriqueWeb

/// Today in Paris, remembered for the day it was asked: the day still changes at Paris midnight,
/// whatever the order of the questions.
struct WebClockTests {
    static func date(_ iso: String) -> Date { try! Date(iso, strategy: .iso8601) }

    @Test func theDayChangesAtParisMidnight() {
        // 23:00 UTC is midnight in Paris in winter (UTC+1), 22:00 UTC in summer (UTC+2).
        #expect(WebClock.today(Self.date("2026-11-23T22:59:59Z")).description == "2026-11-23")
        #expect(WebClock.today(Self.date("2026-11-23T23:00:00Z")).description == "2026-11-24")
        #expect(WebClock.today(Self.date("2026-11-23T12:00:00Z")).description == "2026-11-23")
        #expect(WebClock.today(Self.date("2026-07-14T21:59:59Z")).description == "2026-07-14")
        #expect(WebClock.today(Self.date("2026-07-14T22:00:00Z")).description == "2026-07-15")
        #expect(WebClock.today(Self.date("2026-11-24T22:59:59Z")).description == "2026-11-24")
    }
}

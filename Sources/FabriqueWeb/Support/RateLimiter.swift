import Foundation
import Synchronization

/// A fixed-window counter per client address: at most `limit` events per `window` seconds.
/// It guards the open link (new anonymous respondents) and failed logins.
final class RateLimiter: Sendable {
    private struct Window { var start: Double; var count: Int }
    private let limit: Int
    private let window: Double
    private let windows = Mutex<[String: Window]>([:])

    init(limit: Int, window: Double) {
        self.limit = limit
        self.window = window
    }

    /// Counts an event for an address; false when the address is over its limit.
    func allow(_ address: String, now: Double = Date().timeIntervalSince1970) -> Bool {
        windows.withLock { windows in
            if windows.count > 10_000 { windows = windows.filter { now - $0.value.start < window } }
            var current = windows[address] ?? Window(start: now, count: 0)
            if now - current.start >= window { current = Window(start: now, count: 0) }
            guard current.count < limit else { return false }
            current.count += 1
            windows[address] = current
            return true
        }
    }
}

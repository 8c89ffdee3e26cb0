import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// A fixed-window counter per client address: at most `limit` events per `window` seconds.
/// It guards the open link (new anonymous respondents) and, through `LoginThrottle`, failed logins.
final class RateLimiter: Sendable {
    private struct Window {
        var start: Double
        var count: Int
    }
    private let limit: Int
    private let window: Double
    private let windows = Mutex<[String: Window]>([:])
    /// Reverse proxies whose `X-Forwarded-For` names the client (`serve --trusted-proxy`).
    private let trustedProxies: Set<String>

    init(limit: Int, window: Double, trustedProxies: Set<String> = []) {
        self.limit = limit
        self.window = window
        self.trustedProxies = trustedProxies
    }

    /// Counts an event for the request's client; false when it is over its limit.
    func allow(_ request: Request, _ context: WebContext) -> Bool {
        allow(client(request, context))
    }

    /// The client a request counts for (see `client(peer:forwardedFor:trusting:)`).
    func client(_ request: Request, _ context: WebContext) -> String {
        Self.client(peer: context.clientAddress, forwardedFor: request.headers[values: .xForwardedFor], trusting: trustedProxies)
    }

    /// The client a request counts for. Behind a reverse proxy every request comes from the
    /// proxy, so one client over its limit would lock everyone out: when the peer is a trusted
    /// proxy, the client is the last address of `X-Forwarded-For` that is not itself a trusted
    /// proxy (addresses before it were written by the client and prove nothing).
    static func client(peer: String, forwardedFor: [String], trusting proxies: Set<String>) -> String {
        guard proxies.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return hops.last { !proxies.contains($0) } ?? hops.first ?? peer
    }

    /// Counts an event for a key (an address, an account…); false when the key is over its limit.
    func allow(_ key: String, now: Double = Date().timeIntervalSince1970) -> Bool {
        guard !isOver(key, now: now) else { return false }
        record(key, now: now)
        return true
    }

    /// Whether a key has used up its events in the current window (nothing is counted).
    func isOver(_ key: String, now: Double = Date().timeIntervalSince1970) -> Bool {
        windows.withLock { windows in
            guard let current = windows[key], now - current.start < window else { return false }
            return current.count >= limit
        }
    }

    /// Whether a key has any event in the current window.
    func hasEvents(_ key: String, now: Double = Date().timeIntervalSince1970) -> Bool {
        windows.withLock { windows in
            guard let current = windows[key], now - current.start < window else { return false }
            return current.count > 0
        }
    }

    /// Counts one event for a key.
    func record(_ key: String, now: Double = Date().timeIntervalSince1970) {
        windows.withLock { windows in
            if windows.count > 10_000 { windows = windows.filter { now - $0.value.start < window } }
            var current = windows[key] ?? Window(start: now, count: 0)
            if now - current.start >= window { current = Window(start: now, count: 0) }
            current.count += 1
            windows[key] = current
        }
    }

    /// Forgets a key's events.
    func reset(_ key: String) {
        _ = windows.withLock { $0.removeValue(forKey: key) }
    }
}

extension HTTPField.Name {
    /// The addresses a request went through, the client's first (de facto standard header).
    static let xForwardedFor = Self("X-Forwarded-For")!
}

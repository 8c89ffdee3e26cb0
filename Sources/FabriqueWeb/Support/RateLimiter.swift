import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// A fixed-window counter per client address: at most `limit` events per `window` seconds.
/// It guards the open link (new anonymous respondents) and failed logins.
final class RateLimiter: Sendable {
    private struct Window { var start: Double; var count: Int }
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
        allow(Self.client(peer: context.clientAddress, forwardedFor: request.headers[values: .xForwardedFor], trusting: trustedProxies))
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

extension HTTPField.Name {
    /// The addresses a request went through, the client's first (de facto standard header).
    static let xForwardedFor = Self("X-Forwarded-For")!
}

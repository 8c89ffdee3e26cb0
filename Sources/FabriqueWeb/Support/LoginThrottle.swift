import Hummingbird

/// Failed logins, counted three ways over 10-minute windows. Only failures count: a right
/// password is never slowed by its own earlier typos beyond the limit, and it goes through from
/// an address that is limited for failures on another account.
/// - per account and client (`limit`): one client guessing one account;
/// - per client (3 × `limit`): one client trying many accounts (password spraying);
/// - per account (5 × `limit`): many clients guessing one account. Past it, a client that has
///   already failed on the account is refused, but a client with no failure on it still gets its
///   try: the account's holder is not locked out by others' guesses, and each attacking address
///   gets one guess.
final class LoginThrottle: Sendable {
    private let pairs: RateLimiter
    private let accounts: RateLimiter
    private let clients: RateLimiter
    /// How a request's client is told (trusted reverse proxies included).
    let addresses: RateLimiter

    init(limit: Int, window: Double = 600, trustedProxies: Set<String> = []) {
        pairs = RateLimiter(limit: limit, window: window)
        accounts = RateLimiter(limit: 5 * limit, window: window)
        clients = RateLimiter(limit: 3 * limit, window: window)
        addresses = RateLimiter(limit: limit, window: window, trustedProxies: trustedProxies)
    }

    /// Whether a login for `account` from `client` is refused without checking the password.
    func isBlocked(client: String, account: String) -> Bool {
        let pair = Self.pair(client, account)
        return pairs.isOver(pair) || clients.isOver(client) || (accounts.isOver(account) && pairs.hasEvents(pair))
    }

    /// Counts a wrong password (or unknown account).
    func recordFailure(client: String, account: String) {
        pairs.record(Self.pair(client, account))
        accounts.record(account)
        clients.record(client)
    }

    /// A right password clears its client's failures on that account.
    func recordSuccess(client: String, account: String) {
        pairs.reset(Self.pair(client, account))
    }

    private static func pair(_ client: String, _ account: String) -> String { client + "\u{1F}" + account }
}

import Crypto
import Foundation

/// Form tokens signed by the server: `nonce.issuedAt.purpose-bound HMAC`. A page that carries a
/// form gets one; the POST must send it back. Unlike a plain double-submit cookie, a value made
/// up by another site (or planted as a cookie by a sibling subdomain) does not verify, because
/// only the server knows the key; and a token is bound to its purpose (a login, one open link),
/// and expires.
public struct SignedToken: Sendable {
    /// The HMAC key's bytes (`SymmetricKey` is not `Sendable`).
    private let key: [UInt8]

    /// A signer with the server's secret (hex or any text: it is hashed into a key).
    public init(secret: String) {
        key = Array(Crypto.SHA256.hash(data: Data(secret.utf8)))
    }

    /// A new token for `purpose`, issued at `now` (seconds since 1970).
    public func issue(purpose: String, now: Double = Date().timeIntervalSince1970) -> String {
        let body = SecretToken.generate(bytes: 16) + "." + String(Int(now))
        return body + "." + signature(body, purpose: purpose)
    }

    /// Whether `token` was issued by this server for `purpose` less than `maxAge` seconds ago.
    public func verify(_ token: String, purpose: String, maxAge: Double, now: Double = Date().timeIntervalSince1970) -> Bool {
        guard token.utf8.count <= 200 else { return false }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let issued = Double(parts[1]), issued <= now + 60, now - issued <= maxAge else { return false }
        return SecretToken.equal(String(parts[2]), signature(parts[0] + "." + parts[1], purpose: purpose))
    }

    private func signature(_ body: String, purpose: String) -> String {
        let mac = HMAC<Crypto.SHA256>.authenticationCode(for: Data((purpose + "\u{1F}" + body).utf8), using: SymmetricKey(data: key))
        return SecretToken.base64URL(Array(mac))
    }
}

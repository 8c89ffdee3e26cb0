import Dispatch
import HummingbirdBcrypt

/// Staff passwords: bcrypt at cost 12 (about a quarter of a second per check on this class of
/// machine), from the maintained Hummingbird auth package.
public enum PasswordHasher {
    /// The bcrypt hash to store.
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 12) }

    /// Whether a password matches a stored hash.
    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// The same check off the server's concurrency threads: there are as many as cores (two
    /// here), and a quarter of a second of bcrypt on one would stall the respondents' requests.
    static func verifyAside(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: verify(password, hash: hash))
            }
        }
    }
}

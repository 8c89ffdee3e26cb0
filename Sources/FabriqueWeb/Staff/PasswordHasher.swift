import Dispatch
import HummingbirdBcrypt

/// Staff passwords: bcrypt at cost 12 (about a quarter of a second per check on this class of
/// machine), from the maintained Hummingbird auth package.
///
/// bcrypt reads only the first 72 bytes of a password: two long passwords that share them would
/// both open the account. fabrique therefore refuses longer passwords everywhere (the command
/// line that sets them, and the login, where a longer one never matches) rather than let a
/// silently truncated secret pass.
public enum PasswordHasher {
    /// The shortest password accepted, in characters.
    public static let minimumLength = 10
    /// The longest password accepted, in UTF-8 bytes: all that bcrypt reads.
    public static let maximumBytes = 72

    /// Why a new password is refused (English, for the command line), or nil when it is fine.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "the password has \(password.count) characters; use at least \(minimumLength)" }
        if password.utf8.count > maximumBytes {
            return "the password has \(password.utf8.count) bytes; bcrypt reads only \(maximumBytes), so use at most \(maximumBytes) "
                + "(a passphrase of a few words fits; accented letters take 2 bytes)"
        }
        return nil
    }

    /// The bcrypt hash to store.
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 12) }

    /// Whether a password matches a stored hash; a password bcrypt would truncate never does.
    public static func verify(_ password: String, hash: String) -> Bool {
        password.utf8.count <= maximumBytes && Bcrypt.verify(password, hash: hash)
    }

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

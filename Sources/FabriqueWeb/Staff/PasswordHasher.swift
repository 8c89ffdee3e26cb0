import HummingbirdBcrypt

/// Staff passwords: bcrypt at cost 12 (about a quarter of a second per check on this class of
/// machine), from the maintained Hummingbird auth package.
public enum PasswordHasher {
    /// The bcrypt hash to store.
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 12) }

    /// Whether a password matches a stored hash.
    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}

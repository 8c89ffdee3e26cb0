import Foundation

/// Account names as the app compares them: trimmed and lower-cased, so that `Lea`, `lea` and
/// ` lea ` are one account (two such accounts once existed, and one of them could never log in).
public enum UserName {
    /// The longest name accepted.
    public static let maximumLength = 64

    /// The name as stored, or nil when it holds anything but letters a–z, digits, `.`, `_`, `-`
    /// and `@` (an e-mail address is a fine name), or is empty or too long.
    public static func normalised(_ text: String) -> String? {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard (1...maximumLength).contains(name.utf8.count),
            name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D || $0 == 0x40 })
        else { return nil }
        return name
    }

    /// Why a name is refused, for the command line.
    public static let rule = "a name has 1 to \(maximumLength) characters among a-z, 0-9, '.', '_', '-' and '@' (upper case is read as lower case)"
}

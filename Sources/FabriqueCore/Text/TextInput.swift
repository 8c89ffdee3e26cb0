/// Characters that have no place in typed text: control characters (a NUL ends C strings and
/// FTS5 queries) and the bidirectional controls that make text display in another order than it
/// is stored ("Trojan Source"). Tab, line feed and carriage return are ordinary text.
public enum TextInput {
    /// The first forbidden character of `text`, or nil when there is none.
    public static func forbiddenCharacter(in text: String) -> Unicode.Scalar? {
        // Every forbidden character starts with a byte below 0x20, 0x7F, 0xC2 (C1 controls),
        // 0xD8 (U+061C) or 0xE2 (U+202A…U+2069): most texts are done after one byte scan.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }) else { return nil }
        return text.unicodeScalars.first(where: isForbidden)
    }

    /// Whether `text` holds a control or bidirectional-control character.
    public static func hasForbiddenCharacters(_ text: String) -> Bool {
        forbiddenCharacter(in: text) != nil
    }

    /// `text` without its forbidden characters: what a draft keeps of an answer the form refused,
    /// so that no control character is ever stored, even in a draft.
    public static func removingForbiddenCharacters(_ text: String) -> String {
        guard forbiddenCharacter(in: text) != nil else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isForbidden($0) })
        return String(scalars)
    }

    /// Control characters (C0 but tab, LF and CR; DEL; C1) and bidirectional embeddings,
    /// overrides and isolates, with the Arabic letter mark.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        default: false
        }
    }

    /// How a message names a forbidden character: its code point, since it cannot be shown.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

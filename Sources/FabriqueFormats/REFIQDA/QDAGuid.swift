import FabriqueCore

/// The GUIDs REFI-QDA asks of every element, derived from a stable key (a UUID in the layout of
/// version 5, from the SHA-256 of `fabrique:` + key): two exports of the same data are identical,
/// and an element keeps its GUID from one export to the next.
enum QDAGuid {
    /// The GUID of a key, such as `source:mulhouse-cellule-sante-mentale-qpv`, in upper case as
    /// ATLAS.ti writes them.
    static func make(_ key: String) -> String {
        var hex = Array(SHA256.hex("fabrique:" + key).prefix(32))
        hex[12] = "5"
        let variant = Int(String(hex[16]), radix: 16)! & 0x3 | 0x8
        hex[16] = Character(String(variant, radix: 16))
        let text = String(hex).uppercased()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(text.dropFirst(range.lowerBound).prefix(range.count))
        }
        return parts.joined(separator: "-")
    }
}

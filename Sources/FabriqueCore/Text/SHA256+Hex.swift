import Crypto

/// SHA-256 digests as lowercase hex, for content fingerprints (seeds, codebook definitions, reports).
public enum SHA256 {
    /// The hex digest of bytes.
    public static func hex(_ bytes: [UInt8]) -> String {
        Crypto.SHA256.hash(data: bytes).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// The hex digest of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        hex(Array(text.utf8))
    }
}

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

    /// A digest fed piece by piece, for data too large to hold at once (a survey's responses).
    public struct Stream {
        private var hasher = Crypto.SHA256()

        public init() {}

        /// Adds a string's UTF-8 bytes.
        public mutating func update(_ text: String) {
            var text = text
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }

        /// The hex digest of everything added.
        public func finalize() -> String {
            hex(Array(hasher.finalize()))
        }
    }

    /// The hex digest of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        hex(Array(text.utf8))
    }
}

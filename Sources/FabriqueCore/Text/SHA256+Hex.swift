import Crypto

/// SHA-256 digests as lowercase hex, for content fingerprints (seeds, codebook definitions,
/// reports, stored responses) and token hashes.
public enum SHA256 {
    /// The hex digest of bytes.
    public static func hex(_ bytes: [UInt8]) -> String {
        lowercaseHex(Crypto.SHA256.hash(data: bytes))
    }

    /// The hex digest of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var hasher = Crypto.SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
            return lowercaseHex(hasher.finalize())
        }
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

        /// Adds bytes.
        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            hasher.update(bufferPointer: bytes)
        }

        /// The hex digest of everything added.
        public func finalize() -> String {
            lowercaseHex(hasher.finalize())
        }
    }

    /// Digest bytes written as 64 lowercase hex digits (every token and every stored response is
    /// hashed, so without a string per byte).
    private static func lowercaseHex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

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

        /// Appends the hex digest of everything added to `bytes`, without making a string (a
        /// bulk import digests every row).
        public func finalize(appendingHexTo bytes: inout [UInt8]) {
            appendHex(hasher.finalize(), to: &bytes)
        }
    }

    /// Digest bytes written as 64 lowercase hex digits (every token and every stored response is
    /// hashed, so without a string per byte).
    private static func lowercaseHex(_ digest: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        appendHex(digest, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendHex(_ digest: some Sequence<UInt8>, to out: inout [UInt8]) {
        for byte in digest {
            out.append(hexDigit(byte >> 4))
            out.append(hexDigit(byte & 0x0F))
        }
    }

    /// `0`–`9`, then `a`–`f`.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

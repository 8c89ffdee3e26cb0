/// Text escaped for HTML content and attribute values (`& < > " '`), on UTF-8 bytes, returning
/// a value that needs no escape as it is. The web pages, the HTML reports and the SVG charts all
/// escape through it.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            // Most values need no escape: they are returned as they are, without a copy.
            guard bytes.contains(where: needsEscape) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            escape(bytes, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends the escaped UTF-8 of a text to a buffer (the form pages are written as bytes).
    public static func escape(_ text: String, into out: inout [UInt8]) {
        var copy = text
        copy.withUTF8 { bytes in
            if bytes.contains(where: needsEscape) { escape(bytes, into: &out) } else { out.append(contentsOf: bytes) }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x22 || byte == 0x27
    }

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
    }
}

/// Text escaped for HTML content and attribute values (`& < > " '`), on UTF-8 bytes, returning
/// a value that needs no escape as it is. The web pages, the HTML reports and the SVG charts all
/// escape through it.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            // Most values need no escape: they are returned as they are, without a copy.
            guard bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
                return text
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 0x3C: out += Array("&lt;".utf8)
                case 0x3E: out += Array("&gt;".utf8)
                case 0x26: out += Array("&amp;".utf8)
                case 0x22: out += Array("&quot;".utf8)
                case 0x27: out += Array("&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

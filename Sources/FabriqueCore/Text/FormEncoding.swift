/// An `application/x-www-form-urlencoded` text as ordered pairs: repeated names are kept in
/// order (checkboxes, rank positions), which a keyed decoder would lose. Pure bytes to strings,
/// so that the web module's form bodies and the fuzzers share one decoder.
public struct FormEncoding: Sendable {
    /// The names and values, percent-decoded, in the order they came.
    public let pairs: [(name: String, value: String)]

    /// Decodes a query string or a body given as text.
    public init(text: String) {
        var text = text
        self = text.withUTF8 { FormEncoding(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Parses the bytes in one pass: a whole questionnaire posts some ninety fields, and
    /// splitting the text into substrings first cost more than validating the answers.
    public init(bytes: UnsafeRawBufferPointer) {
        var pairs: [(name: String, value: String)] = []
        var name: [UInt8] = []
        var value: [UInt8] = []
        var inValue = false
        var position = 0
        func finish() {
            if !name.isEmpty || inValue {
                pairs.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
            }
            name.removeAll(keepingCapacity: true)
            value.removeAll(keepingCapacity: true)
            inValue = false
        }
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "&"):
                finish()
                position += 1
            case UInt8(ascii: "=") where !inValue:
                inValue = true
                position += 1
            default:
                let byte = Self.decodedByte(bytes, at: &position)
                if inValue { value.append(byte) } else { name.append(byte) }
            }
        }
        finish()
        self.pairs = pairs
    }

    /// The last value posted under a name.
    public subscript(name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// Percent-decoding of one component (a path parameter), with `+` as a space.
    public static func decode(_ component: String) -> String {
        let bytes = Array(component.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var position = 0
        while position < bytes.count { decoded.append(decodedByte(bytes, at: &position)) }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// The byte at `position` decoded (`+` is a space, `%XX` a byte; an invalid escape is kept
    /// as typed), moving past what it read.
    private static func decodedByte<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at position: inout Int) -> UInt8 where Bytes.Index == Int {
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "+"):
            return UInt8(ascii: " ")
        case UInt8(ascii: "%"):
            guard position + 1 < bytes.count, let high = hex(bytes[position]), let low = hex(bytes[position + 1]) else { return byte }
            position += 2
            return high << 4 | low
        default:
            return byte
        }
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

import Hummingbird

/// An `application/x-www-form-urlencoded` body as ordered pairs: repeated names are kept in
/// order (checkboxes, rank positions), which a keyed decoder would lose.
struct FormBody: Sendable {
    let pairs: [(name: String, value: String)]

    /// Reads the request body (bounded by the context's upload limit: 413 beyond it).
    static func read(_ request: Request, context: WebContext) async throws -> FormBody {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormBody(text: String(buffer: buffer))
    }

    init(text: String) {
        pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(pieces[0]), pieces.count > 1 ? Self.decode(pieces[1]) : "")
        }
    }

    /// The last value posted under a name.
    subscript(name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// Percent-decoding with `+` as a space; invalid escapes are kept as typed.
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if iterator.count >= 2, let high = hex(iterator[iterator.startIndex]), let low = hex(iterator[iterator.startIndex + 1]) {
                    bytes.append(high << 4 | low)
                    iterator = iterator.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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

import Foundation

/// A question's choice codes and their positions, looked up from a code's text or from the
/// UTF-8 bytes of an answer: a bulk import reads multi-select answers (`ars prefecture ccas`)
/// on every row, and making a string of each code to hash it cost more than the rest of the
/// check. Codes are grouped by length and compared byte for byte in a `ByteArena`; a list holds
/// a few dozen codes at most, and hashing them cost more than comparing (7 % more instructions
/// for the whole import, measured with cachegrind). Text
/// with non-ASCII bytes is compared as Swift strings are (`é` written as one character or as `e`
/// and an accent are equal), as the validator's other lookups do.
public struct ChoiceCodes: Sendable {
    /// The codes, in list order.
    private let values: [String]
    /// The codes' bytes, shortest first (and in list order within a length, so that a code listed
    /// twice is found at its first position): those of length `n` are numbers
    /// `lengthStarts[n] ..< lengthStarts[n + 1]`, and number `i` is the code at `byLength[i]`.
    private let arena: ByteArena
    private let byLength: [Int]
    private let lengthStarts: [Int]
    /// Each code's position by its text.
    private let positions: [String: Int]

    /// The codes of a choice list, in its order (a code's position is its index here).
    public init(_ values: [String]) {
        self.values = values
        let lengths = values.map(\.utf8.count)
        byLength = values.indices.sorted { (lengths[$0], $0) < (lengths[$1], $1) }
        lengthStarts = (0...(lengths.max() ?? 0) + 1).map { length in lengths.count(where: { $0 < length }) }
        var arena = ByteArena()
        for position in byLength {
            var code = values[position]
            code.withUTF8 { arena.append(UnsafeRawBufferPointer($0)) }
        }
        self.arena = arena
        positions = Dictionary(values.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// The position of a code, or nil when it is not one of the list's.
    public func position(of code: String) -> Int? {
        positions[code]
    }

    /// Whether the text is one of the codes.
    public func contains(_ code: String) -> Bool {
        positions[code] != nil
    }

    /// The position of the code spelt by these bytes, or nil. Byte for byte: for ASCII text only.
    public func position(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count + 1 < lengthStarts.count else { return nil }
        let candidates = lengthStarts[bytes.count]..<lengthStarts[bytes.count + 1]
        return arena.first(matching: UnsafeRawBufferPointer(bytes), in: candidates).map { byLength[$0] }
    }

    /// Whether every word of the text (words split on ASCII whitespace) is a code.
    public func allWordsAreCodes(_ text: String) -> Bool {
        var utf8Text = text
        return utf8Text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return text.splitOnASCIIWhitespace().allSatisfy(contains) }
            return ASCIIWords(bytes).allSatisfy { position(of: UnsafeBufferPointer(rebasing: bytes[$0])) != nil }
        }
    }

    /// The codes of a multi-select or rank answer already written canonically: codes one
    /// space apart, nothing before or after, each code once, in list order when `inListOrder`.
    /// Nil for anything else (unknown code, repeated code, other order or spacing, non-ASCII
    /// text), which the caller then reads the long way, with its messages. Lists of over 64
    /// codes are never read here.
    /// `accepting` judges each code's position (a choice filter); one refused makes the result nil.
    public func canonicalCodes(_ text: String, inListOrder: Bool, accepting: (Int) -> Bool = { _ in true }) -> [String]? {
        guard values.count <= 64 else { return nil }
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var found: [String] = []
            found.reserveCapacity(bytes.count(where: { $0 == 0x20 }) + 1)
            var seen: UInt64 = 0
            var previous = -1
            // Where the next code must start: at the first byte, then one space after the last.
            var next = 0
            for word in ASCIIWords(bytes) {
                guard word.lowerBound == next, next == 0 || bytes[next - 1] == 0x20,
                    let position = position(of: UnsafeBufferPointer(rebasing: bytes[word]))
                else { return nil }
                let bit: UInt64 = 1 << UInt64(position)
                guard seen & bit == 0, !inListOrder || previous < position, accepting(position) else { return nil }
                seen |= bit
                previous = position
                found.append(values[position])
                next = word.upperBound + 1
            }
            return next == bytes.count + 1 ? found : nil
        }
    }
}

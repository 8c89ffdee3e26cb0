import Foundation

/// A question's choice codes and their positions, looked up from a code's text or from the
/// UTF-8 bytes of an answer: a bulk import reads multi-select answers (`ars prefecture ccas`)
/// on every row, and making a string of each code to hash it cost more than the rest of the check. Codes are grouped by length and compared
/// byte for byte; a list holds a few dozen codes at most. Text with non-ASCII bytes is compared
/// as Swift strings are (`é` written as one character or as `e` and an accent are equal), as
/// the validator's other lookups do.
public struct ChoiceCodes: Sendable {
    /// The codes, in list order.
    private let values: [String]
    /// Every code's bytes end to end, in list order; code `p` is `arena[starts[p] ..< starts[p + 1]]`.
    private let arena: [UInt8]
    private let starts: [Int]
    /// The positions of the codes, shortest first; those of length `n` are
    /// `byLength[lengthStarts[n] ..< lengthStarts[n + 1]]`. Flat arrays: an array of arrays
    /// retained its inner array on every lookup.
    private let byLength: [Int]
    private let lengthStarts: [Int]
    /// Each code's position by its text (the first, should a code be listed twice).
    private let positions: [String: Int]

    /// The codes of a choice list, in its order (a code's position is its index here).
    public init(_ values: [String]) {
        self.values = values
        let codes = values.map { Array($0.utf8) }
        arena = codes.flatMap { $0 }
        starts = codes.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        positions = Dictionary(values.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let longest = codes.map(\.count).max() ?? 0
        byLength = codes.indices.sorted { (codes[$0].count, $0) < (codes[$1].count, $1) }
        lengthStarts = (0...longest + 1).map { length in codes.count(where: { $0.count < length }) }
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
        let length = bytes.count
        guard length + 1 < lengthStarts.count else { return nil }
        let candidates = lengthStarts[length]..<lengthStarts[length + 1]
        guard length > 0, let text = bytes.baseAddress else { return candidates.first.map { byLength[$0] } }
        return arena.withUnsafeBufferPointer { arena in
            for index in candidates {
                let position = byLength[index]
                if memcmp(arena.baseAddress! + starts[position], text, length) == 0 { return position }
            }
            return nil
        }
    }

    /// Whether every word of the text (words split on ASCII whitespace) is a code.
    public func allWordsAreCodes(_ text: String) -> Bool {
        var utf8Text = text
        return utf8Text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return text.splitOnASCIIWhitespace().allSatisfy(contains) }
            var all = true
            forEachWord(bytes) { word in
                if position(of: word) == nil { all = false }
                return all
            }
            return all
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
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20,
                bytes.allSatisfy({ $0 < 0x80 })
            else { return nil }
            var found: [String] = []
            found.reserveCapacity(bytes.count(where: { $0 == 0x20 }) + 1)
            var seen: UInt64 = 0
            var previous = -1
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x20 {
                guard index > start, let position = position(of: UnsafeBufferPointer(rebasing: bytes[start..<index])) else { return nil }
                let bit: UInt64 = 1 << UInt64(position)
                guard seen & bit == 0, !inListOrder || previous < position, accepting(position) else { return nil }
                seen |= bit
                previous = position
                found.append(values[position])
                start = index + 1
            }
            return found
        }
    }

    /// Calls `body` with each run of bytes between ASCII whitespace, until it returns false.
    private func forEachWord(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        var index = 0
        while index < bytes.count {
            while index < bytes.count, String.isASCIIWhitespace(bytes[index]) { index += 1 }
            let start = index
            while index < bytes.count, !String.isASCIIWhitespace(bytes[index]) { index += 1 }
            if index > start, !body(UnsafeBufferPointer(rebasing: bytes[start..<index])) { return }
        }
    }
}

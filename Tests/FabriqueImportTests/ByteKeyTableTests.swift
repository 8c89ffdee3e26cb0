import FabriqueTestSupport
import Testing

@testable import FabriqueImport

/// The byte-key table numbers the distinct values of a column: equal bytes, equal numbers;
/// different bytes, different numbers; at most `limit` of them.
struct ByteKeyTableTests {
    /// Random keys of every length around the 8-byte boundary where keys stop fitting in a slot,
    /// zero bytes and shared prefixes included, against a dictionary.
    @Test func numbersMatchADictionary() {
        var random = SystemRandomNumberGenerator()
        var table = ByteKeyTable(limit: 700)
        var reference: [[UInt8]: Int] = [:]
        let alphabet: [UInt8] = [0, 1, 0x20, 0x30, 0x31, 0x61, 0xC3, 0xA9, 0xFF]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...20, using: &random)
            var key = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
            // Often a known key, or a known key with a byte added, removed or changed.
            if let known = reference.keys.randomElement(using: &random), Bool.random(using: &random) {
                key = known
                switch Int.random(in: 0..<4, using: &random) {
                case 0: key.append(0)
                case 1: if !key.isEmpty { key.removeLast() }
                case 2: if !key.isEmpty { key[key.count - 1] ^= 1 }
                default: break
                }
            }
            let number = key.withUnsafeBytes { table.number(of: $0) }
            if let known = reference[key] {
                #expect(number == known)
            } else if reference.count < 700 {
                #expect(number == reference.count)
                reference[key] = reference.count
            } else {
                #expect(number == nil)
            }
        }
        #expect(reference.count == 700)
        #expect(table.count == 700)
        #expect(table.isFull)
    }

    /// Keys that differ only past their first 8 bytes, or only by trailing zero bytes, stay apart.
    @Test func closeKeysStayApart() {
        var table = ByteKeyTable(limit: 16)
        let keys: [[UInt8]] = [Array("abcdefgh".utf8), Array("abcdefghi".utf8), Array("abcdefghj".utf8), [0x61], [0x61, 0], [0x61, 0, 0], [], [0]]
        let first = keys.map { key in key.withUnsafeBytes { table.number(of: $0) } }
        let again = keys.map { key in key.withUnsafeBytes { table.number(of: $0) } }
        #expect(first == Array(0..<keys.count))
        #expect(again == first)
    }
}

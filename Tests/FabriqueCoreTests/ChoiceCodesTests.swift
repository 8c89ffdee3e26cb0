import FabriqueCore
import FabriqueTestSupport
import Testing

/// Choice codes looked up from bytes give what splitting the text into strings and hashing them
/// gives, on random answers made of codes, near-codes, spaces, tabs and repeats.
struct ChoiceCodesTests {
    static let values = ["ars", "prefecture", "ccas", "centre_hospitalier", "centre_hospitalieR", "pmi", "pm", "other", "é", "a"]

    /// The reference: split on single spaces, every word a code, each once, in list order if asked.
    static func expected(_ text: String, inListOrder: Bool) -> [String]? {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard !text.isEmpty, words.allSatisfy({ values.contains($0) }), Set(words).count == words.count else { return nil }
        let positions = words.map { values.firstIndex(of: $0)! }
        guard !inListOrder || positions == positions.sorted() else { return nil }
        return words
    }

    @Test func lookupsFromBytesMatchSplittingAndHashing() {
        let codes = ChoiceCodes(Self.values)
        let pieces = Self.values + ["", " ", "  ", "\t", "ar", "arss", "centre_hospitalie", "Ars", "e\u{301}", "\n"]
        var random = SeededRandom(seed: 11)
        var canonical = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...5, using: &random)
            var text = ""
            for index in 0..<count {
                if index > 0 { text += random.chance(0.8) ? " " : pieces[Int.random(in: 0..<pieces.count, using: &random)] }
                text += pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }
            for inListOrder in [true, false] {
                let found = codes.canonicalCodes(text, inListOrder: inListOrder)
                // Non-ASCII text is left to the caller's string path, whatever it holds.
                let expected = text.utf8.allSatisfy { $0 < 0x80 } ? Self.expected(text, inListOrder: inListOrder) : nil
                #expect(found == expected, "\(text.debugDescription)")
                if found != nil { canonical += 1 }
            }
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
            #expect(codes.allWordsAreCodes(text) == words.allSatisfy { Self.values.contains($0) }, "\(text.debugDescription)")
        }
        #expect(canonical > 2_000)
        // "é" as one character or as "e" and a combining accent: the same code.
        #expect(codes.allWordsAreCodes("ars e\u{301}"))
        #expect(codes.canonicalCodes("ars e\u{301}", inListOrder: true) == nil)
        var bytes = Array("centre_hospitalieR".utf8)
        #expect(bytes.withUnsafeBufferPointer { codes.position(of: $0) } == 4)
        bytes = Array("é".utf8)
        #expect(bytes.withUnsafeBufferPointer { codes.position(of: $0) } == 8)
    }

    /// A code listed twice is found at its first position, from its text as from its bytes; an
    /// empty list finds nothing.
    @Test func repeatedCodesAndEmptyLists() {
        let codes = ChoiceCodes(["oui", "non", "oui", "nsp"])
        #expect(Array("oui".utf8).withUnsafeBufferPointer { codes.position(of: $0) } == 0)
        #expect(Array("nsp".utf8).withUnsafeBufferPointer { codes.position(of: $0) } == 3)
        #expect(codes.position(of: "oui") == 0)
        #expect(codes.canonicalCodes("oui nsp", inListOrder: true) == ["oui", "nsp"])
        let none = ChoiceCodes([])
        #expect(Array("oui".utf8).withUnsafeBufferPointer { none.position(of: $0) } == nil)
        #expect(none.canonicalCodes("oui", inListOrder: false) == nil)
        #expect(!none.allWordsAreCodes("oui"))
    }
}

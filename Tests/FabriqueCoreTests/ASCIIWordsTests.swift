import FabriqueTestSupport
import Testing

@testable import FabriqueCore

/// The one splitter of space-separated answers gives what splitting on ASCII whitespace gives.
struct ASCIIWordsTests {
    @Test func wordsMatchASplitOnASCIIWhitespace() {
        let pieces = ["ars", "é", "e\u{301}", " ", "  ", "\t", "\r\n", "\u{A0}", "x", ""]
        var random = SeededRandom(seed: 5)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &random)] }.joined()
            let reference = text.utf8.split(whereSeparator: { [0x20, 0x09, 0x0A, 0x0D].contains($0) }).map { String(Substring($0)) }
            let bytes = Array(text.utf8)
            let words = ASCIIWords(bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
            #expect(words == reference, "\(text.debugDescription)")
            #expect(text.splitOnASCIIWhitespace() == reference, "\(text.debugDescription)")
        }
        // A no-break space is not a separator: the answer's codes never hold one.
        #expect("a\u{A0}b c".splitOnASCIIWhitespace() == ["a\u{A0}b", "c"])
    }
}

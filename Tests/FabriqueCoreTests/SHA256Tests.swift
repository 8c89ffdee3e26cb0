import FabriqueCore
import Testing

/// Digests as lowercase hex, checked against Python's hashlib (values committed, not computed here).
struct SHA256Tests {
    @Test func digestsMatchHashlib() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// A digest fed in pieces is the digest of the whole (it was once hashed twice).
    @Test func aStreamDigestsWhatItWasFed() {
        var stream = SHA256.Stream()
        for piece in ["a", "\u{1F}", "\u{1E}", "\u{1F}", "é"] { stream.update(piece) }
        #expect(stream.finalize() == "a89f6e0f08164de47b245884b774797da947f83b9dfc0068013923ad8d8c345f")
        // Written after bytes already there, as a batch of rows holds them.
        var bytes = Array("ligne".utf8)
        stream.finalize(appendingHexTo: &bytes)
        #expect(bytes == Array("lignea89f6e0f08164de47b245884b774797da947f83b9dfc0068013923ad8d8c345f".utf8))
    }
}

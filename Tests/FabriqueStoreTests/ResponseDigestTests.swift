import FabriqueStore
import Testing

/// A stored response's digest (the import's idempotence key) is the SHA-256 of its values joined
/// by U+001F, U+001E standing for an absent value: the same as before it was fed in pieces, so
/// that re-importing a file after an upgrade still finds its rows unchanged.
struct ResponseDigestTests {
    @Test func theDigestIsThatOfTheJoinedValues() {
        #expect(ResponseBatch.digest(of: ["a", nil, "é"]) == "a89f6e0f08164de47b245884b774797da947f83b9dfc0068013923ad8d8c345f")
    }
}

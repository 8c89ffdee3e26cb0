import Testing

@testable import FabriqueWeb

/// The request wrapper hands its bytes to Core's `FormEncoding` (whose tests cover the decoding).
struct FormBodyTests {
    @Test func theWrapperGivesCoresPairs() {
        let body = FormBody(text: "a=1&b=x+y&b=%C3%A9t%C3%A9")
        #expect(body.pairs.map(\.name) == ["a", "b", "b"])
        #expect(body["b"] == "été")
        #expect(FormBody.decode("web-a%2Bb+c") == "web-a+b c")
    }
}

import FabriqueCore
import Testing

/// The form-body decoder: order and repeats kept, percent escapes and `+` decoded after the
/// separators are found, invalid escapes kept as typed.
struct FormEncodingTests {
    @Test func pairsAreDecodedInOrderWithRepeats() {
        let body = FormEncoding(text: "a=1&b=x+y&b=%C3%A9t%C3%A9&c=&d&&e=f%3Dg%26h&name%3Dx=v=w")
        #expect(body.pairs.map(\.name) == ["a", "b", "b", "c", "d", "e", "name=x"])
        #expect(body.pairs.map(\.value) == ["1", "x y", "été", "", "", "f=g&h", "v=w"])
        #expect(body["b"] == "été")
        #expect(body["zz"] == nil)
    }

    @Test func invalidEscapesAreKeptAsTyped() {
        #expect(FormEncoding(text: "a=%zz%4&b=%").pairs.map(\.value) == ["%zz%4", "%"])
        #expect(FormEncoding(text: "=x").pairs.map { [$0.name, $0.value] } == [["", "x"]])
        #expect(FormEncoding(text: "").pairs.isEmpty)
    }

    @Test func oneComponentIsDecodedWhole() {
        #expect(FormEncoding.decode("web-a%2Bb+c%3D%26") == "web-a+b c=&")
        #expect(FormEncoding.decode("%E2%82%AC%") == "€%")
    }
}

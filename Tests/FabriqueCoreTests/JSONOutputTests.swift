import FabriqueCore
import Foundation
import Testing

/// The one JSON writer of the commands and the web form: keys in encoding order on one line,
/// every documented key present, and strings and numbers written as Foundation's JSONEncoder
/// writes them.
struct JSONOutputTests {
    struct Report: Encodable {
        let units: Int
        let coders: Int
        let level: String
        let alpha: Double?
        let alphaCI95: [Double]?
        let percentAgreement: Double
        let flags: [[Bool]]
    }

    @Test func theLineStyleKeepsDeclarationOrderAndWritesNilAsNull() throws {
        let report = Report(units: 9, coders: 2, level: "ordinal", alpha: nil, alphaCI95: [0.25, 1], percentAgreement: 2, flags: [[true, false]])
        let expected = #"{"units":9,"coders":2,"level":"ordinal","alpha":null,"alphaCI95":[0.25,1],"percentAgreement":2,"flags":[[true,false]]}"#
        // Foundation's encoder on Linux changes the order from one run to the next; this one never does.
        for _ in 0..<5 { #expect(try JSONOutput.text(report) == expected) }
    }

    @Test func numbersThatAreNotFiniteAreNull() throws {
        let report = Report(units: 0, coders: 2, level: "", alpha: .nan, alphaCI95: [-.infinity, .infinity], percentAgreement: .nan, flags: [])
        #expect(
            try JSONOutput.text(report)
                == #"{"units":0,"coders":2,"level":"","alpha":null,"alphaCI95":[null,null],"percentAgreement":null,"flags":[]}"#)
    }

    @Test func anOrderedObjectKeepsItsPairsInOrder() throws {
        let object = OrderedJSONObject([("zeta", "1"), ("alpha", "2"), ("mu", "a/b"), ("alpha", "3")])
        // A key given twice keeps its first place and takes the last value, as JSON.parse reads it.
        #expect(try JSONOutput.text(object) == #"{"zeta":"1","alpha":"3","mu":"a/b"}"#)
        #expect(try JSONOutput.text(OrderedJSONObject([(String, Int)]())) == "{}")
    }

    @Test func stringsAreEscapedAsJSONEncoderEscapesThem() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        var samples = ["", "a/b", "<script>&</script>", "été", "\u{2028}\u{2029}", "Zoé \"Z\" \\ fin", "🙂"]
        samples += (0..<0x80).map { "x" + String(UnicodeScalar(UInt8($0))) + "y" }
        for text in samples {
            #expect(try JSONOutput.text(text) == String(decoding: try encoder.encode(text), as: UTF8.self), "\(text.debugDescription)")
            #expect(JSONOutput.string(text) == (try JSONOutput.text(text)))
        }
    }

    @Test func numbersAreWrittenAsJSONEncoderWritesThem() throws {
        let encoder = JSONEncoder()
        var samples: [Double] = [0, -0.0, 1, 2, -3.25, 0.1, 1e-5, 1.5e-7, 7.407407407407407, 1e15, 1e16, 123_456_789_012_345, 1e20, 1e300]
        samples += [.greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude, 0.743421052631579, 2.918152776550481]
        // Bit patterns from a fixed linear congruential sequence: every exponent range, reproducibly.
        var state: UInt64 = 20_261_123
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            samples += [Double(bitPattern: state), Double(Int64(bitPattern: state) >> 40) / 100]
        }
        for value in samples where value.isFinite {
            #expect(try JSONOutput.text(value) == String(decoding: try encoder.encode(value), as: UTF8.self))
        }
        #expect(try JSONOutput.text([Float(0.1), 2, 1e10]) == String(decoding: try encoder.encode([Float(0.1), 2, 1e10]), as: UTF8.self))
        #expect(try JSONOutput.text([Int8.min]) == "[-128]" && (try JSONOutput.text(UInt64.max)) == "18446744073709551615")
    }

    /// Encodes through every kind of container the encoder hands out.
    struct Nested: Encodable {
        enum Key: String, CodingKey { case b, a, list, inner, parent }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(1, forKey: .b)
            try container.encodeNil(forKey: .a)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode("x")
            var pair = list.nestedContainer(keyedBy: Key.self)
            try pair.encode(true, forKey: .b)
            try pair.encode(Optional<Int>.none, forKey: .a)
            var inner = container.nestedContainer(keyedBy: Key.self, forKey: .inner)
            try inner.encode([UInt8(1), 2], forKey: .list)
            var parent = container.superEncoder(forKey: .parent).singleValueContainer()
            try parent.encode("p")
        }
    }

    @Test func nestedContainersKeepTheirPlace() throws {
        #expect(try JSONOutput.text(Nested()) == #"{"b":1,"a":null,"list":["x",{"b":true,"a":null}],"inner":{"list":[1,2]},"parent":"p"}"#)
    }

    @Test func thePrettyStyleIsJSONEncodersIndentedSortedOutput() throws {
        let report = Report(units: 1, coders: 3, level: "a/b", alpha: nil, alphaCI95: [1, 2], percentAgreement: 0.5, flags: [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(try JSONOutput.text(report, style: .pretty) == String(decoding: try encoder.encode(report), as: UTF8.self))
        #expect(try JSONOutput.text(report, style: .pretty).hasPrefix("{\n  \"alphaCI95\" : [\n"))
    }
}

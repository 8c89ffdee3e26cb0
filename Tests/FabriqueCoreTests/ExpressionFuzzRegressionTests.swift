import FabriqueCore
import Testing

/// Inputs the expression fuzzer (Fuzz/FuzzExpression, docs/fuzzing.md) found, kept as tests.
struct ExpressionFuzzRegressionTests {
    /// 100,000 '(' or '-' overflowed the stack; deep nesting and long expressions are refused.
    @Test func deepOrLongExpressionsAreRefusedNotOverflowed() {
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let negations = String(repeating: "-", count: 100_000) + "1"
        let chain = Array(repeating: "1", count: 50_000).joined(separator: " + ")
        let deepButShort = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        let callsInCalls = String(repeating: "not(", count: 100) + "1" + String(repeating: ")", count: 100)
        for (text, fragment) in [(deep, "tokens"), (negations, "tokens"), (chain, "tokens"), (deepButShort, "levels deep"),
                                 (callsInCalls, "levels deep"), (String(repeating: "-", count: 100) + "1", "levels deep")] {
            #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(text) }
            #expect((try? ExpressionParser.parse(text)) == nil)
            do { _ = try ExpressionParser.parse(text) } catch { #expect(error.message.contains(fragment), "\(error.message)") }
        }
        let nested = String(repeating: "(", count: 64) + "1" + String(repeating: ")", count: 64)
        #expect((try? ExpressionParser.parse(nested)) == .number(1))
        #expect((try? ExpressionParser.parse(String(repeating: "-", count: 64) + "1")) != nil)
    }

    /// 400 nines read as infinity, which the source and the JavaScript spelled `Infinity` and `inf`.
    @Test func aNumberPastDoublesRangeIsRefused() {
        do {
            _ = try ExpressionParser.parse(String(repeating: "9", count: 400))
            Issue.record("parsed")
        } catch {
            #expect(error.message.contains("too large"))
        }
    }

    /// A large or tiny literal's canonical source was `8.888888888888889e+108`, which does not
    /// parse: the source spells every number in fixed notation.
    @Test func theSourceOfLargeAndTinyNumbersParsesBack() throws {
        for text in [String(repeating: "8", count: 109) + ".", "0.0000001234", "123456789012345678901234", "1e-7"] {
            guard let expression = try? ExpressionParser.parse("regex(\(text), '^[1-9]+$')") else { continue }
            let source = expression.source
            let reparsed = try ExpressionParser.parse(source)
            #expect(reparsed.withoutOffsets == expression.withoutOffsets, "\(source)")
        }
        #expect(FormExpression.number(8.888888888888889e108).source.count == 109)
        #expect(FormExpression.number(1.5e-7).source == "0.00000015")
        #expect(FormExpression.number(-2e21).source == "(-2000000000000000000000)")
    }
}

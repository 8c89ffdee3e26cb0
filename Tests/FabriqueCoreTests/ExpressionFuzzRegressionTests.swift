import FabriqueCore
import Testing

/// Inputs the expression fuzzer (Fuzz/FuzzExpression, docs/fuzzing.md) found, kept as tests.
struct ExpressionFuzzRegressionTests {
    /// 100,000 '(' or '-' overflowed the stack; deep nesting and long expressions are refused.
    @Test func deepOrLongExpressionsAreRefusedNotOverflowed() {
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let negations = String(repeating: "-", count: 100_000) + "1"
        let chain = Array(repeating: "1", count: 50_000).joined(separator: " + ")
        let deepButShort = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
        let callsInCalls = String(repeating: "not(", count: 300) + "1" + String(repeating: ")", count: 300)
        let longSum = Array(repeating: "${a}", count: 600).joined(separator: " + ")
        for (text, fragment) in [
            (deep, "tokens"), (negations, "tokens"), (chain, "tokens"), (deepButShort, "levels deep"),
            (callsInCalls, "levels deep"), (String(repeating: "-", count: 300) + "1", "levels deep"),
            (longSum, "values and operations")
        ] {
            #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(text) }
            do { _ = try ExpressionParser.parse(text) } catch { #expect(error.message.contains(fragment), "\(error.message)") }
        }
        let nested = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        #expect((try? ExpressionParser.parse(nested)) == .number(1))
        #expect((try? ExpressionParser.parse(Array(repeating: "${a}", count: 200).joined(separator: " + "))) != nil)
    }

    /// `today` then 64 minus signs parsed, but its canonical source, one level of parentheses
    /// deeper per operation, went past the nesting limit: the limits now apply to the tree, so
    /// the source of anything that parses parses too.
    @Test func theSourceOfAnExpressionNearTheLimitsParsesBack() throws {
        let texts = [
            ". < today" + String(repeating: "-", count: 64) + " 1",
            Array(repeating: "${a}", count: 200).joined(separator: " - "),
            String(repeating: "-", count: 250) + "(1 + 2)"
        ]
        for text in texts {
            let expression = try ExpressionParser.parse(text)
            #expect(try ExpressionParser.parse(expression.source).withoutOffsets == expression.withoutOffsets)
        }
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

import FabriqueTestSupport
import Foundation
import Testing

@testable import FabriqueCore

/// The expression language's semantics, as a table of expressions and expected values.
struct ExpressionEvaluationTests {
    /// Answers visible to the expressions of the table.
    static let answers: [String: ExpressionValue] = [
        "demarches": .list(["cls", "clsm"]),
        "etp": .number(0.5),
        "annee": .number(2015),
        "region": .string("44"),
        "vide": .empty,
        "nom": .string("Élodie"),
        "debut": .string("2020-03-01"),
        "fin": .string("2021-01-15"),
        "multi_texte": .string("a b  c")
    ]

    static func evaluate(_ source: String, current: ExpressionValue = .empty, attributes: [String: String] = [:]) throws -> ExpressionValue {
        let expression = try ExpressionParser.parse(source)
        let context = EvaluationContext(
            today: Fixtures.today, current: current, value: { answers[$0] ?? .empty },
            attribute: { attributes[$0].map(ExpressionValue.string) ?? .empty })
        return expression.evaluate(in: context)
    }

    static let table: [(String, ExpressionValue)] = [
        ("1 + 2 * 3", .number(7)),
        ("(1 + 2) * 3", .number(9)),
        ("7 div 2", .number(3.5)),
        ("7 mod 3", .number(1)),
        ("-7 mod 3", .number(-1)),
        ("1 div 0", .empty),
        ("5 mod 0", .empty),
        ("-(2 + 3)", .number(-5)),
        ("${etp} * 2", .number(1)),
        ("${vide} + 1", .empty),
        ("coalesce(${vide}, 0) + 1", .number(1)),
        ("${etp} >= 0 and ${etp} <= 5", .boolean(true)),
        ("${vide} = ''", .boolean(true)),
        ("${vide} != ''", .boolean(false)),
        ("${vide} = 0", .boolean(false)),
        ("${vide} > 0", .boolean(false)),
        ("${vide} < 0", .boolean(false)),
        ("${region} = '44'", .boolean(true)),
        ("${region} = 44", .boolean(true)),
        ("${region} = 44.0", .boolean(true)),
        ("${region} != '11'", .boolean(true)),
        ("'abc' = 0", .boolean(false)),
        ("'abc' != 0", .boolean(true)),
        ("'10' < '9'", .boolean(false)),
        ("'b' > 'a'", .boolean(true)),
        ("${fin} > ${debut}", .boolean(true)),
        ("selected(${demarches}, 'clsm')", .boolean(true)),
        ("selected(${demarches}, 'asv')", .boolean(false)),
        ("selected(${vide}, 'asv')", .boolean(false)),
        ("selected(${multi_texte}, 'c')", .boolean(true)),
        ("count-selected(${demarches})", .number(2)),
        ("count-selected(${vide})", .number(0)),
        ("count-selected(${multi_texte})", .number(3)),
        ("count-selected(${demarches}) > 1", .boolean(true)),
        ("not(selected(${demarches}, 'clsm'))", .boolean(false)),
        ("not(${vide})", .boolean(true)),
        ("true() and not(false())", .boolean(true)),
        ("string-length(${nom})", .number(6)),
        ("string-length(${vide})", .number(0)),
        ("if(${etp} > 1, 'plein', 'partiel')", .string("partiel")),
        ("concat(${region}, '-', ${etp})", .string("44-0.5")),
        ("today()", .string("2026-06-15")),
        ("format-date(today(), '%Y')", .string("2026")),
        ("format-date(${debut}, '%d/%m/%Y')", .string("01/03/2020")),
        ("format-date('2021-02-30', '%Y')", .empty),
        ("${annee} <= format-date(today(), '%Y')", .boolean(true)),
        ("number('3.25') + 1", .number(4.25)),
        ("number('trois')", .empty),
        ("int(-3.7)", .number(-3)),
        ("round(2.5)", .number(3)),
        ("round(-2.5)", .number(-3)),
        ("round(3.14159, 2)", .number(3.14)),
        ("1 = 1 or 1 div 0", .boolean(true)),
        ("0 and 1", .boolean(false)),
        ("regex('a.b@exemple.fr', '^[^@ ]+@[^@ ]+[.][^@ ]+$')", .boolean(true)),
        ("regex('pas un courriel', '^[^@ ]+@[^@ ]+[.][^@ ]+$')", .boolean(false)),
        ("regex('x', '(')", .boolean(false)),
        ("1 < 2 = true()", .boolean(true)),
        ("2 - 1 - 1", .number(0)),
        ("8 div 2 div 2", .number(2))
    ]

    @Test("expressions evaluate to the values of the reference table", arguments: table)
    func evaluatesTable(source: String, expected: ExpressionValue) throws {
        #expect(try Self.evaluate(source) == expected)
    }

    @Test func currentAnswerIsDot() throws {
        #expect(try Self.evaluate(". >= 0 and . <= 5", current: .number(1.5)) == .boolean(true))
        #expect(try Self.evaluate(". >= 0 and . <= 5", current: .number(5.5)) == .boolean(false))
        #expect(try Self.evaluate("count-selected(.) <= 2", current: .list(["a", "b", "c"])) == .boolean(false))
    }

    @Test func bareNamesReadChoiceAttributes() throws {
        #expect(try Self.evaluate("region = ${region}", attributes: ["region": "44"]) == .boolean(true))
        #expect(try Self.evaluate("region = ${region}", attributes: ["region": "11"]) == .boolean(false))
        #expect(try Self.evaluate("selected(${demarches}, value)", attributes: ["value": "cls"]) == .boolean(true))
    }

    @Test func numbersPrintLikeJavaScript() {
        #expect(ExpressionValue.format(3) == "3")
        #expect(ExpressionValue.format(-0.0) == "0")
        #expect(ExpressionValue.format(0.1 + 0.2) == "0.30000000000000004")
        #expect(ExpressionValue.number(2.5).asString == "2.5")
        #expect(ExpressionValue.format(1e21) == "1e+21")
        #expect(ExpressionValue.format(0.000001) == "0.000001")
        #expect(ExpressionValue.format(1e-7) == "1e-7")
        #expect(ExpressionValue.format(123_456_789_012_345_680) == "123456789012345680")
        // Fixed-notation descriptions are taken as they are: the same text as spelling the digits out.
        var random = SeededRandom(seed: 4)
        for _ in 0..<20_000 {
            let value = Double.random(in: 0..<1, using: &random) * pow(10, Double(Int.random(in: -8...22, using: &random)))
            guard value > 0, value != value.rounded() || value >= 1e15 else { continue }
            #expect(ExpressionValue.format(value) == ExpressionValue.spelledOut("\(value)"), "\(value)")
        }
    }
}

extension ExpressionEvaluationTests {
    /// `isTrue` judges skip-logic shapes without building values: the same verdict as
    /// `evaluate(…).asBoolean` for every kind of answer, code and shape.
    @Test func conditionsAgreeWithTheValueTheyEvaluateTo() throws {
        let answers: [ExpressionValue] = [
            .empty, .string(""), .string("a"), .string("b"), .string("a b"), .string(" a"), .string("a\tb"), .string("1"), .string("true"),
            .number(0), .number(1), .number(1.5), .boolean(true), .boolean(false), .list([]), .list(["a"]), .list(["b", "a"]), .list([""])
        ]
        let codes = ["a", "", "a b", "1", "true", "1.0", "false"]
        let shapes = [
            "selected(${x}, 'C')", "${x} = 'C'", "${x} != 'C'", "not(selected(${x}, 'C'))",
            "selected(${x}, 'C') and ${x} != 'C'", "${x} = 'C' or selected(${x}, 'b')", "selected(${x}, ${y})", "${x} = ${y}",
            "selected(${x}, 1)", "selected(${x}, ${none})", "selected(${y}, ${x})"
        ]
        var judged = 0
        for answer in answers {
            for code in codes {
                let context = EvaluationContext(today: Fixtures.today, value: { $0 == "x" ? answer : ($0 == "y" ? .string(code) : .empty) })
                for shape in shapes {
                    let source = shape.replacingOccurrences(of: "C", with: code)
                    let expression = try ExpressionParser.parse(source)
                    #expect(expression.isTrue(in: context) == expression.evaluate(in: context).asBoolean, "\(source) with \(answer)")
                    judged += 1
                }
            }
        }
        #expect(judged == answers.count * codes.count * shapes.count)
    }
}

extension ExpressionEvaluationTests {
    /// Texts compare in UTF-16 order, as JavaScript's `<` does, whichever way they are read:
    /// byte for byte below U+E000, code unit by code unit above.
    @Test func textsCompareInUTF16Order() throws {
        let texts = [
            "", "a", "b", "ab", "2024-03-01", "2024-03-10", "2024-3-1", "é", "e\u{301}", "Élodie", "élodie", "\u{E000}",
            "\u{FFFD}", "😀", "a😀", "a\u{FFFD}", "z", "Z", "œuvre", "\u{FB01}"
        ]
        let context = EvaluationContext(today: Fixtures.today)
        var compared = 0
        for s in texts {
            for t in texts where !s.isEmpty && !t.isEmpty {
                let expected = s.utf16.elementsEqual(t.utf16) ? 0 : (Array(s.utf16).lexicographicallyPrecedes(Array(t.utf16)) ? -1 : 1)
                let literal = { (text: String) in FormExpression.string(text) }
                let less = FormExpression.binary(.less, literal(s), literal(t)).evaluate(in: context)
                let atMost = FormExpression.binary(.lessOrEqual, literal(s), literal(t)).evaluate(in: context)
                #expect(less == .boolean(expected < 0), "\(s.debugDescription) < \(t.debugDescription)")
                #expect(atMost == .boolean(expected <= 0), "\(s.debugDescription) <= \(t.debugDescription)")
                compared += 1
            }
        }
        #expect(compared == (texts.count - 1) * (texts.count - 1))
    }

    /// Texts read as numbers: `-?digits[.digits]` or `-?.digits` after trimming, and nothing else
    /// (checked against a regular expression on random texts of digits, points, signs and more).
    @Test func numbersAreReadFromTextsOfTheirShapeOnly() throws {
        let shape = try Regex("^-?([0-9]+[.]?[0-9]*|[.][0-9]+)$")
        let pieces = ["1", "0", "9", "12", ".", "-", "+", "e", " ", "é", "1\u{301}", "٣", "2024-03-01", ",", "x"]
        var random = SeededRandom(seed: 9)
        var numbers = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &random)] }.joined()
            let trimmed = text.trimmingASCIIWhitespace()
            let expected: Double? =
                trimmed.wholeMatch(of: shape) == nil
                ? nil
                : Double(
                    trimmed.hasPrefix("-.")
                        ? "-0" + trimmed.dropFirst()
                        : trimmed.hasPrefix(".") ? "0" + trimmed : trimmed.hasSuffix(".") ? String(trimmed.dropLast()) : trimmed)
            #expect(ExpressionValue.parseNumber(text) == expected, "\(text.debugDescription)")
            if expected != nil { numbers += 1 }
        }
        #expect(numbers > 1_000)
    }

    /// A value is empty exactly when its text is.
    @Test func aValueIsEmptyWhenItsTextIs() {
        let values: [ExpressionValue] = [
            .empty, .number(0), .number(-0.0), .number(.nan), .number(.infinity), .number(1.5), .boolean(false),
            .boolean(true), .string(""), .string(" "), .string("a"), .list([]), .list([""]), .list(["", ""]),
            .list(["a"]), .list(["", "a"])
        ]
        for value in values {
            #expect(value.isEmpty == value.asString.isEmpty, "\(value)")
        }
    }
}

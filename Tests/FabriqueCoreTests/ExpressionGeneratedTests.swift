import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

/// Random expressions and answers: parsing the printed form gives the same tree, evaluation never
/// crashes, and the emitted JavaScript computes what the Swift evaluator computes.
struct ExpressionGeneratedTests {
    static let names = ["a", "b", "c", "d", "e"]
    static let strings = ["", "a", "oui", "10", "9", "2020-01-01", "3.5", "cls clsm", " 7 ", "-.5", "é"]

    /// Builds a random tree of bounded depth from every construct of the language but regex.
    static func randomExpression(_ random: inout SeededRandom, depth: Int) -> FormExpression {
        let leafOnly = depth <= 0
        switch Int.random(in: 0..<(leafOnly ? 4 : 8), using: &random) {
        case 0: return .number(Double(Int.random(in: 0...12, using: &random)) / [1, 2, 4][Int.random(in: 0...2, using: &random)])
        case 1: return .string(strings[Int.random(in: 0..<strings.count, using: &random)])
        case 2: return .reference(names[Int.random(in: 0..<names.count, using: &random)], offset: 0)
        case 3: return .current
        case 4: return .negate(randomExpression(&random, depth: depth - 1))
        case 5, 6:
            let op = BinaryOperator.allCases[Int.random(in: 0..<BinaryOperator.allCases.count, using: &random)]
            return .binary(op, randomExpression(&random, depth: depth - 1), randomExpression(&random, depth: depth - 1))
        default:
            let functions = ExpressionFunction.allCases.filter { $0 != .regex }
            let function = functions[Int.random(in: 0..<functions.count, using: &random)]
            let count = Int.random(in: function.arity.lowerBound...min(function.arity.upperBound, 3), using: &random)
            return .call(function, (0..<count).map { _ in randomExpression(&random, depth: depth - 1) })
        }
    }

    static func randomValue(_ random: inout SeededRandom) -> ExpressionValue {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return .empty
        case 1: return .number(Double(Int.random(in: -20...20, using: &random)) / 4)
        case 2: return .string(strings[Int.random(in: 0..<strings.count, using: &random)])
        case 3: return .list(Array(["cls", "clsm", "asv", "10"].shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))))
        default: return .boolean(random.chance(0.5))
        }
    }

    struct Case {
        var expression: FormExpression
        var answers: [String: ExpressionValue]
        var current: ExpressionValue
    }

    static func cases(count: Int, seed: UInt64) -> [Case] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let answers = Dictionary(uniqueKeysWithValues: names.map { ($0, randomValue(&random)) })
            return Case(expression: randomExpression(&random, depth: 4), answers: answers, current: randomValue(&random))
        }
    }

    static func evaluate(_ c: Case) -> ExpressionValue {
        c.expression.evaluate(in: EvaluationContext(today: Fixtures.today, current: c.current, value: { c.answers[$0] ?? .empty }))
    }

    /// A validator resolves `${name}` to positions once; the resolved tree must evaluate, print and
    /// emit JavaScript exactly as the tree it came from.
    @Test func resolvedReferencesEvaluateLikeNamedOnes() {
        let slots = Dictionary(uniqueKeysWithValues: Self.names.enumerated().map { ($0.element, $0.offset) })
        for c in Self.cases(count: 4_000, seed: 11) {
            let resolved = c.expression.resolvingReferences(slots)
            var context = EvaluationContext(today: Fixtures.today, current: c.current, value: { _ in .string("not resolved") })
            context.slot = { c.answers[Self.names[$0]] ?? .empty }
            #expect(resolved.evaluate(in: context) == Self.evaluate(c), "\(c.expression.source)")
            #expect(resolved.source == c.expression.source)
            #expect(ExpressionJavaScript.emit(resolved) == ExpressionJavaScript.emit(c.expression))
            #expect(resolved.references.map(\.name) == c.expression.references.map(\.name))
        }
    }

    @Test func printedExpressionsParseBackToTheSameTree() throws {
        for c in Self.cases(count: 3000, seed: 7) {
            let reparsed = try ExpressionParser.parse(c.expression.source)
            #expect(reparsed.withoutOffsets == c.expression, "source: \(c.expression.source)")
        }
    }

    @Test func randomExpressionsAndAnswersNeverCrash() {
        var kinds: Set<String> = []
        for c in Self.cases(count: 20000, seed: 11) {
            let value = Self.evaluate(c)
            kinds.insert(Self.kind(value))
            if case .number(let x) = value { #expect(x.isFinite) }
        }
        // The generator reaches every kind of result, so the property is not vacuous.
        #expect(kinds == ["empty", "number", "string", "boolean", "list"])
    }

    @Test func randomTextNeverCrashesTheParser() {
        var random = SeededRandom(seed: 3)
        let alphabet = Array("${}()'\". ,=!<>+-*/abcdiv mod and or selected count-selected 0123456789")
        var parsed = 0
        for _ in 0..<20000 {
            let text = String((0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
            if (try? ExpressionParser.parse(text)) != nil { parsed += 1 }
        }
        #expect(parsed > 0)
    }

    static func kind(_ value: ExpressionValue) -> String {
        switch value {
        case .empty: "empty"
        case .number: "number"
        case .string: "string"
        case .boolean: "boolean"
        case .list: "list"
        }
    }

    static func javaScriptLiteral(_ value: ExpressionValue) -> String {
        switch value {
        case .empty: "null"
        case .number(let x): "\(x)"
        case .string(let text): ExpressionJavaScript.literal(text)
        case .boolean(let flag): flag ? "true" : "false"
        case .list(let items): "[" + items.map(ExpressionJavaScript.literal).joined(separator: ",") + "]"
        }
    }

    static let node: String? = ["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Node runs the emitted JavaScript: `make deps` installs Debian's `nodejs`, and without it the
    /// test fails rather than skips, so that the agreement is never silently unchecked.
    @Test func emittedJavaScriptAgreesWithTheEvaluator() throws {
        let node = try #require(Self.node, "no node executable: run 'make deps' (Debian package nodejs)")
        let cases = Self.cases(count: 4000, seed: 23)
        var script = ExpressionJavaScript.runtime + "\nvar R = FabriqueExpr; var out = [];\n"
        script += "function kind(v) { return v === null ? 'empty' : Array.isArray(v) ? 'list' : typeof v; }\n"
        for c in cases {
            let answers = Self.names.map { "\(ExpressionJavaScript.literal($0)): \(Self.javaScriptLiteral(c.answers[$0]!))" }.joined(separator: ", ")
            let current = Self.javaScriptLiteral(c.current)
            let scope =
                "var S = { ref: function (n) { return A[n]; }, cur: function () { return " + current
                + "; }, attr: function () { return null; }, today: '" + Fixtures.today.description + "' };"
            let call = "var v = (" + ExpressionJavaScript.function(c.expression) + ")(R, S); out.push(kind(v) + '|' + R.str(v));"
            script += "(function () { var A = {" + answers + "}; " + scope + " " + call + " })();\n"
        }
        script += "process.stdout.write(JSON.stringify(out));\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fabrique-expr-\(UUID().uuidString).js")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let results = try JSONDecoder().decode([String].self, from: data)
        #expect(results.count == cases.count)
        var mismatches = 0
        for (c, js) in zip(cases, results) {
            let swift = Self.evaluate(c)
            let expected = "\(Self.kind(swift))|\(swift.asString)"
            if js != expected {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("\(c.expression.source) with \(c.answers), current \(c.current): Swift \(expected), JavaScript \(js)")
                }
            }
        }
        #expect(mismatches == 0)
    }
}

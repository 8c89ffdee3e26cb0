import FabriqueCore
import Testing

/// Syntax errors name what is wrong and where, by character offset.
struct ExpressionSyntaxTests {
    static let errors: [(source: String, offset: Int, fragment: String)] = [
        ("", 0, "empty"),
        ("1 +", 3, "ends where a value was expected"),
        ("(1 + 2", 6, "expected ')'"),
        ("${a} = 'oui", 7, "unterminated string"),
        ("${a", 0, "missing '}'"),
        ("${} = 1", 0, "invalid name"),
        ("$a", 0, "${name}"),
        ("4 / 2", 2, "div"),
        ("!${a}", 0, "not(...)"),
        ("selected(${a})", 0, "takes 2 argument(s), not 1"),
        ("unknown-fn(1)", 0, "unknown function 'unknown-fn'"),
        ("1 2", 2, "after a complete expression"),
        ("and 1", 0, "needs a value on its left"),
        ("${a} = #", 7, "unexpected character '#'"),
        ("today(1)", 0, "takes 0 argument(s)")
    ]

    @Test("syntax errors are reported with their offset", arguments: errors)
    func reportsSyntaxError(source: String, offset: Int, fragment: String) {
        #expect {
            _ = try ExpressionParser.parse(source)
        } throws: { error in
            guard let error = error as? ExpressionSyntaxError else { return false }
            return error.offset == offset && error.message.contains(fragment)
        }
    }

    @Test func parsesReferencesWithOffsets() throws {
        let expression = try ExpressionParser.parse("selected(${demarches}, 'clsm') or ${clsm_projet} = 'oui'")
        #expect(expression.references.map(\.name) == ["demarches", "clsm_projet"])
        #expect(expression.references.map(\.offset) == [9, 34])
    }

    @Test func hyphenatedFunctionNamesDoNotSwallowMinus() throws {
        let expression = try ExpressionParser.parse("count-selected(${a})-1")
        guard case .binary(.subtract, .call(.countSelected, _), .number(1)) = expression else {
            Issue.record("parsed as \(expression)")
            return
        }
    }

    @Test func precedenceFollowsXPath() throws {
        // 'and' binds tighter than 'or'; comparisons tighter than 'and'.
        let expression = try ExpressionParser.parse("${a} = 1 or ${b} = 2 and ${c} > 3")
        guard case .binary(.or, .binary(.equal, _, _), .binary(.and, .binary(.equal, _, _), .binary(.greater, _, _))) = expression else {
            Issue.record("parsed as \(expression)")
            return
        }
    }

    /// A constraint's verdict is kept with an answer's parse only when it reads nothing but `.`
    /// and the validation date.
    @Test func dependsOnCurrentAndTodayAloneOnlyWhenNoOtherAnswerIsRead() throws {
        let alone = [
            ". >= 0 and . <= 100", "regex(., '^[0-9]+$')", "string-length(.) < 20", "1 = 1", "if(. > 3, 'a', 'b') = 'a'",
            ". <= today()", ". >= 1980 and . <= format-date(today(), '%Y')"
        ]
        let notAlone = [". <= ${budget_total}", "value = 'a'", "selected(${a}, 'x') or . > 1", "today() > ${d}"]
        for source in alone { #expect(try ExpressionParser.parse(source).dependsOnCurrentAndTodayAlone, "\(source)") }
        for source in notAlone { #expect(try !ExpressionParser.parse(source).dependsOnCurrentAndTodayAlone, "\(source)") }
        let resolved = try ExpressionParser.parse(". <= ${budget_total}").resolvingReferences(["budget_total": 3])
        #expect(!resolved.dependsOnCurrentAndTodayAlone)
    }
}

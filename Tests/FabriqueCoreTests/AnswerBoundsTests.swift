import FabriqueTestSupport
import Testing

@testable import FabriqueCore

/// Constraints judged as comparisons of the answer with limits give the evaluator's verdict, on
/// the coordination survey's constraints and on hand-written ones, for numbers at and around
/// the limits, dates around today, texts, lists and no answer.
struct AnswerBoundsTests {
    @Test func boundsAgreeWithTheExpressionEvaluated() throws {
        let validator = ResponseValidator(survey: try Fixtures.coordinationSurvey())
        let surveyConstraints = validator.rules.compactMap(\.constraint)
        // The survey's amounts, percentages, years, dates, counts and ranks have that shape; its
        // e-mail and phone constraints (`string-length`, `regex`) do not.
        #expect(surveyConstraints.filter { AnswerBounds($0) != nil }.count >= 17)
        #expect(surveyConstraints.contains { AnswerBounds($0) == nil })
        let written = [
            "0 <= .", ". > 2 and 10 > .", "count-selected(.) >= 2 and count-selected(.) < 4", "5 >= count-selected(.)",
            ". < 1 and count-selected(.) <= 1", "today() >= .", ". > '2020-01-01' and . < today()", "format-date(today(), '%Y') > .",
            ". >= -1.5", "-5 < . and . < -1"
        ]
        let unshaped = [
            ". >= -1.5 and . <= 4.25 and . != 3", ". >= 0 or . < -5", "string-length(.) >= 5", ". = 3", "${x} > 2",
            ". <= format-date(., '%Y')", ". < today() + 1", "count-selected(${x}) < 2", ". > -(2 + 3)"
        ]
        for text in unshaped { #expect(AnswerBounds(try ExpressionParser.parse(text)) == nil, "\(text)") }
        let shaped = try (surveyConstraints + written.map { try ExpressionParser.parse($0) }).compactMap { expression in
            AnswerBounds(expression).map { (expression, $0) }
        }
        #expect(shaped.count >= 27)

        let today = Fixtures.today
        var answers: [ExpressionValue] = [.empty, .string(""), .string("12"), .string("abc"), .boolean(true), .boolean(false)]
        answers += ["2019-12-31", "2020-01-01", "2026-06-14", "2026-06-15", "2026-06-16", "2026", "2027"].map(ExpressionValue.string)
        answers += [-5, -1.5, -1, 0, 0.5, 1, 2, 2.0000001, 4, 4.25, 5, 10, 45, 100, 100.5, 500, 1979, 1980, 2026, 2027, 1e9].map(
            ExpressionValue.number)
        answers += (0...7).map { count in .list((0..<count).map { "c\($0)" }) }
        var met = 0
        var unmet = 0
        for (expression, bounds) in shaped {
            for answer in answers {
                let expected = expression.isTrue(in: EvaluationContext(today: today, current: answer))
                let verdict = bounds.isMet(by: answer, today: .string(today.description))
                #expect(verdict == expected, "\(expression) on \(answer)")
                if verdict { met += 1 } else { unmet += 1 }
            }
        }
        #expect(met > 300 && unmet > 300)
    }
}

@testable import FabriqueCore
import FabriqueTestSupport
import Testing

/// Constraints judged as bounds on the answer's number give the evaluator's verdict, on the
/// coordination survey's constraints and on hand-written ones, for numbers at and around the
/// limits, texts, lists and no answer.
struct AnswerBoundsTests {
    @Test func boundsAgreeWithTheExpressionEvaluated() throws {
        let validator = ResponseValidator(survey: try Fixtures.coordinationSurvey())
        let surveyConstraints = validator.rules.compactMap(\.constraint)
        // The survey's amounts, percentages, counts and ranks have that shape; its years
        // (`format-date(today(), '%Y')`), e-mail and phone constraints do not.
        #expect(surveyConstraints.filter { AnswerBounds($0) != nil }.count >= 12)
        #expect(surveyConstraints.contains { AnswerBounds($0) == nil })
        let written = [
            "0 <= .", ". > 2 and 10 > .", "count-selected(.) >= 2 and count-selected(.) < 4", "5 >= count-selected(.)",
            ". < 1 and count-selected(.) <= 1", ". >= -1.5 and . <= 4.25 and . != 3",
            ". >= 1980 and . <= format-date(today(), '%Y')", ". >= 0 or . < -5", "string-length(.) >= 5", ". = 3", "${x} > 2",
        ]
        let expressions = surveyConstraints + (try written.map { try ExpressionParser.parse($0) })
        let shaped = expressions.compactMap { expression in AnswerBounds(expression).map { (expression, $0) } }
        #expect(shaped.count >= 16)
        #expect(AnswerBounds(try ExpressionParser.parse(". >= -1.5 and . <= 4.25 and . != 3")) == nil)

        var answers: [ExpressionValue] = [.empty, .string(""), .string("12"), .string("abc"), .string("2024-01-01"), .boolean(true)]
        answers += [-5, -1.5, -1, 0, 0.5, 1, 2, 2.0000001, 4, 4.25, 5, 10, 45, 100, 100.5, 500, 1980, 2026, 1e9].map(ExpressionValue.number)
        answers += (0...7).map { count in .list((0..<count).map { "c\($0)" }) }
        var judged = 0
        var leftToTheEvaluator = 0
        for (expression, bounds) in shaped {
            for answer in answers {
                let expected = expression.isTrue(in: EvaluationContext(today: Fixtures.today, current: answer))
                if let verdict = bounds.judge(answer) {
                    #expect(verdict == expected, "\(expression) on \(answer)")
                    judged += 1
                } else {
                    leftToTheEvaluator += 1
                }
            }
        }
        #expect(judged > 300)
        #expect(leftToTheEvaluator > 50)
    }
}

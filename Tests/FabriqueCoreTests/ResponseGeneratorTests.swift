import FabriqueCore
import FabriqueTestSupport
import Testing

/// Demo responses are valid, reproducible, regionally plausible, and take every skip-logic branch.
struct ResponseGeneratorTests {
    static func generate(count: Int, seed: UInt64) throws -> [[String: String]] {
        var generator = ResponseGenerator(
            survey: try Fixtures.coordinationSurvey(), regions: try Fixtures.referential().regions,
            seed: seed, today: Fixtures.today)
        return try (0..<count).map { _ in try generator.next() }
    }

    @Test func sameSeedGivesSameResponses() throws {
        #expect(try Self.generate(count: 50, seed: 9) == Self.generate(count: 50, seed: 9))
        #expect(try Self.generate(count: 50, seed: 9) != Self.generate(count: 50, seed: 10))
    }

    @Test func responsesPassTheValidatorUnchanged() throws {
        let survey = try Fixtures.coordinationSurvey()
        let validator = ResponseValidator(survey: survey)
        for response in try Self.generate(count: 200, seed: 1) {
            let result = validator.validate(response, today: Fixtures.today)
            #expect(result.issues == [])
            #expect(result.values == response)
        }
    }

    @Test func everyRelevantConditionIsBothTrueAndFalseSomewhere() throws {
        let survey = try Fixtures.coordinationSurvey()
        let responses = try Self.generate(count: 400, seed: 2)
        let fields = Dictionary(uniqueKeysWithValues: survey.fields.map { ($0.name, $0) })
        func context(_ response: [String: String]) -> EvaluationContext {
            EvaluationContext(today: Fixtures.today, value: { fields[$0]?.typedValue(response[$0]) ?? .empty })
        }
        let conditions =
            survey.sections.compactMap { $0.relevant.map { ($0, "section") } }
            + survey.questions.compactMap { q in q.relevant.map { ($0, q.name) } }
        #expect(conditions.count >= 6)
        for (condition, owner) in conditions {
            let outcomes = Set(responses.map { condition.expression.isTrue(in: context($0)) })
            #expect(outcomes == [true, false], "relevant of \(owner) (\(condition.source)) is always \(outcomes)")
        }
    }

    @Test func regionsFollowPopulationAndDepartementsTheirRegion() throws {
        let responses = try Self.generate(count: 1000, seed: 3)
        let referential = try Fixtures.referential()
        let counts = Dictionary(grouping: responses, by: { $0["region"]! }).mapValues(\.count)
        // Île-de-France (12 M inhabitants) outnumbers Corse (0.35 M) by far.
        #expect((counts["11"] ?? 0) > 5 * (counts["94"] ?? 0))
        #expect(counts.count >= 15)
        for response in responses {
            #expect(referential.departement(code: response["departement"]!)?.region == response["region"])
        }
    }
}

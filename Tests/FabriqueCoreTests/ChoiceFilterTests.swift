import FabriqueTestSupport
import Testing

@testable import FabriqueCore

/// Choice filters of the shapes judged from each choice's attribute give the evaluator's verdict.
struct ChoiceFilterTests {
    @Test func shapedFiltersAgreeWithTheExpressionEvaluated() throws {
        let survey = try Fixtures.coordinationSurvey()
        let validator = ResponseValidator(survey: survey)
        let filtered = validator.rules.enumerated().filter { $0.element.filter != nil }
        // The coordination survey has both shapes: départements by region, ranks among the themes chosen.
        let shapes = filtered.compactMap { $0.element.filter?.shape }
        #expect(shapes.contains { if case .equals = $0 { true } else { false } })
        #expect(shapes.contains { if case .selected = $0 { true } else { false } })
        // The same filters written the other way round, and one of no shape.
        var extra: [(FieldRule, ChoiceFilter)] = []
        for (_, rule) in filtered {
            guard let filter = rule.filter else { continue }
            if case .binary(.equal, let lhs, let rhs) = filter.expression {
                extra.append((rule, ChoiceFilter(.binary(.equal, rhs, lhs), choices: rule.choices)))
                extra.append((rule, ChoiceFilter(.binary(.or, .binary(.equal, lhs, rhs), .binary(.equal, lhs, rhs)), choices: rule.choices)))
            }
        }
        #expect(extra.contains { if case .equals(_, true)? = $0.1.shape { true } else { false } })
        #expect(extra.contains { $0.1.shape == nil })

        var generator = try Fixtures.generator(for: survey, seed: 11)
        var random = SeededRandom(seed: 3)
        let pool = ["", "84", "11", "zz", "sante_mentale", "sante_mentale acces_soins", "acces_soins other", "1", "1 2"]
        var judged = 0
        for _ in 0..<300 {
            var raw = validator.aligned(try generator.next())
            for position in raw.indices where random.chance(0.1) { raw[position] = pool[Int.random(in: 0..<pool.count, using: &random)] }
            let workspace = ValidationWorkspace(validator: validator, today: Fixtures.today)
            workspace.beginResponse(texts: raw)
            validator.validate(workspace)
            for (rule, filter) in filtered.map({ ($0.element, $0.element.filter!) }) + extra {
                for position in rule.choices.indices {
                    #expect(
                        filter.allows(position, of: rule.choices, in: workspace) == filter.evaluated(position, of: rule.choices, in: workspace),
                        "\(rule.name), \(rule.choices[position].value)")
                    judged += 1
                }
            }
        }
        #expect(judged > 10_000)
    }
}

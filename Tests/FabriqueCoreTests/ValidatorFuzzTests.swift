import FabriqueCore
import FabriqueTestSupport
import Testing

/// Random raw answers, garbage included, through the one validator of the coordination survey:
/// it never crashes, every problem names a variable of the survey with a French message, and what
/// it accepts it accepts again unchanged.
struct ValidatorFuzzTests {
    @Test func randomAnswersNeverCrashAndAcceptedValuesAreStable() throws {
        let survey = try Fixtures.coordinationSurvey()
        let validator = ResponseValidator(survey: survey)
        let names = Set(survey.fields.map(\.name))
        let pool = ["", " ", "oui", "non", "cls clsm", "clsm cls", "44", "67", "0,5", "1.5", "12", "-3", "1e9", "abc", "2024-02-30",
                    "15/03/2024", "2020-01-01", "other", "autre", "«»", "😀", "1 200", "\u{202F}7", "cls cls", "asv other", "4", "5", "9999"]
        var random = SeededRandom(seed: 31)
        var accepted = 0
        for _ in 0..<3000 {
            var raw: [String: String] = [:]
            for field in survey.fields where random.chance(0.6) {
                raw[field.name] = pool[Int.random(in: 0..<pool.count, using: &random)]
            }
            let result = validator.validate(raw, today: Fixtures.today)
            for issue in result.issues {
                #expect(names.contains(issue.field))
                #expect(!issue.message.isEmpty)
            }
            if result.isValid {
                accepted += 1
                #expect(validator.validate(result.values, today: Fixtures.today).values == result.values)
            }
            // Canonical values are themselves valid answers: re-validating them changes nothing.
            let again = validator.validate(result.values, today: Fixtures.today)
            #expect(Set(again.values.keys).isSubset(of: Set(result.values.keys)))
        }
        _ = accepted
    }
}

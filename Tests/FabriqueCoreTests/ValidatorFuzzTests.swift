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

    /// A bulk import keeps parsed answers per thread (`ParsedAnswers`), numbered by the caller:
    /// with or without them, every response gives the same values, the same problems and the same
    /// ignored answers, and refused answers are reported again each time they come.
    @Test func keptParsesGiveTheSameResultsAsFreshOnes() throws {
        let survey = try Fixtures.coordinationSurvey()
        let validator = ResponseValidator(survey: survey)
        let parsed = ParsedAnswers(validator: validator)
        // The caller's numbering: each field's distinct texts, the first eight of them only.
        var numbers = Array(repeating: [String: Int32](), count: validator.fieldNames.count)
        var generator = ResponseGenerator(survey: survey, regions: try Fixtures.referential().regions, seed: 5, today: Fixtures.today)
        let pool = ["", " ", "oui", "cls clsm", "clsm cls", "44", "0,5", "12", "abc", "15/03/2024", "other", "cls cls", " 4 "]
        var random = SeededRandom(seed: 77)
        var reused = 0
        let earlier = CalendarDate(year: 2019, month: 6, day: 30)!
        var datedRefusals = 0
        for round in 0..<1500 {
            var raw = validator.aligned(try generator.next())
            if round % 2 == 1 {
                for position in raw.indices where random.chance(0.2) { raw[position] = pool[Int.random(in: 0..<pool.count, using: &random)] }
            }
            parsed.clearKeys()
            for (position, text) in raw.enumerated() {
                guard let text else { continue }
                if let number = numbers[position][text] {
                    parsed.setKey(number, at: position)
                    reused += 1
                } else if numbers[position].count < 8 {
                    numbers[position][text] = Int32(numbers[position].count)
                    parsed.setKey(numbers[position][text]!, at: position)
                }
            }
            // Every third response is validated as of an earlier date: verdicts reading `today()`
            // (dates, years) kept for one date must not be reused for another.
            let today = round % 3 == 2 ? earlier : Fixtures.today
            let fresh = validator.validateReportingIgnored(fields: raw, today: today)
            let kept = validator.validateReportingIgnored(fields: raw, today: today, parsed: parsed)
            if today == earlier, fresh.issues.contains(where: { $0.kind == .constraint }) { datedRefusals += 1 }
            #expect(kept.values == fresh.values)
            #expect(kept.issues.map(\.description) == fresh.issues.map(\.description))
            #expect(kept.ignored == fresh.ignored)
        }
        #expect(reused > 10_000)
        #expect(datedRefusals > 50)
    }
}

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
        let pool = [
            "", " ", "oui", "non", "cls clsm", "clsm cls", "44", "67", "0,5", "1.5", "12", "-3", "1e9", "abc", "2024-02-30",
            "15/03/2024", "2020-01-01", "other", "autre", "«»", "😀", "1 200", "\u{202F}7", "cls cls", "asv other", "4", "5", "9999"
        ]
        var random = SeededRandom(seed: 31)
        var generator = try Fixtures.generator(for: survey, seed: 31)
        var accepted = 0
        for round in 0..<3000 {
            // Every other response starts valid (generated) with a few answers garbled, so that the
            // "accepted again unchanged" branch runs on many responses, not only on rare lucky ones.
            var raw: [String: String] = round.isMultiple(of: 2) ? try generator.next() : [:]
            for field in survey.fields where random.chance(round.isMultiple(of: 2) ? 0.03 : 0.6) {
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
        // 289 with these seeds: about one generated response in five survives its garbling, and no
        // response of pure garbage does. Far fewer would mean that the validator refuses valid answers.
        #expect((200...1500).contains(accepted), "accepted \(accepted) of 3000")
    }

    /// A bulk import keeps parsed answers per thread (`ValidationWorkspace(keepsParses: true)`),
    /// numbered by the caller, who then gives no text for an answer whose parse is kept: with or
    /// without kept parses, every response gives the same values, the same problems and the same
    /// ignored answers, and refused answers are reported again each time they come.
    @Test func keptParsesGiveTheSameResultsAsFreshOnes() throws {
        let survey = try Fixtures.coordinationSurvey()
        let validator = ResponseValidator(survey: survey)
        // Verdicts reading `today()` (dates, years) are kept per workspace, which has one date:
        // every third response is validated as of an earlier date, in a workspace of its own.
        let earlier = CalendarDate(year: 2019, month: 6, day: 30)!
        let current = ValidationWorkspace(validator: validator, today: Fixtures.today, keepsParses: true)
        let past = ValidationWorkspace(validator: validator, today: earlier, keepsParses: true)
        // The caller's numbering: each field's distinct texts, the first eight of them only.
        var numbers = Array(repeating: [String: Int32](), count: validator.fieldNames.count)
        var generator = try Fixtures.generator(for: survey, seed: 5)
        let pool = ["", " ", "oui", "cls clsm", "clsm cls", "44", "0,5", "12", "abc", "15/03/2024", "other", "cls cls", " 4 "]
        var random = SeededRandom(seed: 77)
        var withheld = 0
        var datedRefusals = 0
        for round in 0..<1500 {
            var raw = validator.aligned(try generator.next())
            if round % 2 == 1 {
                for position in raw.indices where random.chance(0.2) { raw[position] = pool[Int.random(in: 0..<pool.count, using: &random)] }
            }
            let today = round % 3 == 2 ? earlier : Fixtures.today
            let kept = today == earlier ? past : current
            kept.beginResponse()
            for (position, text) in raw.enumerated() {
                guard let text else { continue }
                if numbers[position][text] == nil, numbers[position].count < 8 { numbers[position][text] = Int32(numbers[position].count) }
                if let number = numbers[position][text] { kept.setKey(number, at: position) }
                if kept.needsText(at: position) { kept.setText(text, at: position) } else { withheld += 1 }
            }
            validator.validate(kept)
            let fresh = ValidationWorkspace(validator: validator, today: today)
            fresh.beginResponse(texts: raw)
            validator.validate(fresh)
            if today == earlier, fresh.issues.contains(where: { $0.kind == .constraint }) { datedRefusals += 1 }
            #expect(kept.values == fresh.values)
            #expect(kept.values == validator.validate(fields: raw, today: today).values)
            #expect(kept.issues.map(\.description) == fresh.issues.map(\.description))
            #expect(kept.ignored == fresh.ignored)
            for position in 0..<kept.count {
                let bytes = kept.withValue(at: position) { $0.map { Array($0) } }
                #expect(bytes == fresh.values[position].map { Array($0.utf8) })
            }
        }
        #expect(withheld > 10_000)
        #expect(datedRefusals > 50)
    }

    /// Validation alone (`validate`, the import's path) does not evaluate the conditions of an
    /// optional question left unanswered; a form page's evaluation (`evaluate`) judges every
    /// condition. Both give the same values and the same problems, and the answers validation
    /// ignores are those given to variables that `evaluate` finds do not apply, on generated
    /// responses with answers removed (required ones too) and replaced by garbage.
    @Test func unansweredOptionalQuestionsNeedNoConditionForTheSameResults() throws {
        let survey = try Fixtures.coordinationSurvey()
        let validator = ResponseValidator(survey: survey)
        let optional = Set(survey.fields.filter { $0.kind != .otherText && !$0.question.required }.map(\.name))
        let conditioned = Set(survey.sections.flatMap(\.questions).filter { $0.relevant != nil }.map(\.name))
        var generator = try Fixtures.generator(for: survey, seed: 9)
        let pool = ["", "oui", "non", "cls clsm", "44", "0,5", "abc", "15/03/2024", "other"]
        var random = SeededRandom(seed: 41)
        let calculated = Set(survey.fields.filter { $0.question.type == .calculate }.map(\.name))
        var skippedApplicable = 0
        var requiredMissing = 0
        var ignoredAnswers = 0
        for _ in 0..<1500 {
            var raw = try generator.next()
            for name in raw.keys where random.chance(0.25) { raw[name] = nil }
            for name in raw.keys where random.chance(0.05) { raw[name] = pool[Int.random(in: 0..<pool.count, using: &random)] }
            let validated = validator.validate(raw, today: Fixtures.today)
            let evaluated = validator.evaluate(raw, today: Fixtures.today)
            #expect(validated.values == evaluated.values)
            #expect(validated.issues.map(\.description) == evaluated.issues.map(\.description))
            let workspace = ValidationWorkspace(validator: validator, today: Fixtures.today)
            workspace.beginResponse(texts: validator.aligned(raw))
            validator.validate(workspace)
            let ignored = workspace.ignored.map { validator.fieldNames[$0] }
            let expectedIgnored = validator.fieldNames.filter { name in
                !(raw[name] ?? "").trimmingCharacters(in: .whitespaces).isEmpty && !calculated.contains(name) && !evaluated.applicable.contains(name)
            }
            #expect(ignored == expectedIgnored)
            ignoredAnswers += ignored.count
            // Optional questions with a condition that applied although unanswered: their
            // condition was evaluated by `evaluate` only.
            skippedApplicable += evaluated.applicable.names.filter { optional.contains($0) && conditioned.contains($0) && raw[$0] == nil }.count
            requiredMissing += evaluated.issues.filter { $0.kind == .required }.count
        }
        #expect(skippedApplicable > 500)
        #expect(requiredMissing > 500)
        #expect(ignoredAnswers > 100)
    }
}

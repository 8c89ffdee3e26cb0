import FabriqueCore
import Testing

@testable import FabriqueFormats

/// LimeSurvey structure exports from limonaid's examples, as they are.
struct LimeSurveyImportTests {
    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func multilingualExportTakesTheAskedLanguage() throws {
        let english = try SharedFixtures.importSurvey("limesurvey/testing-multilingual-export.txt")
        #expect(english.language == "en")
        #expect(english.notes.map(\.message) == ["the survey has no French texts; those in 'en' were taken (--language chooses another of: en, nl)"])
        let dutch = try SharedFixtures.importSurvey("limesurvey/testing-multilingual-export.txt", language: "nl").survey
        #expect(dutch.question(named: "onlyQuestion")?.label == "Vraagtekst")
        #expect(dutch.choices(for: try #require(dutch.question(named: "onlyQuestion"))).map(\.value) == ["1", "2"])
        #expect(throws: FormatError.self) { try SharedFixtures.importSurvey("limesurvey/testing-multilingual-export.txt", language: "de") }
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func multipleChoiceImportsCleanly() throws {
        let survey = try SurveyLoader.load(
            try SharedFixtures.importSurvey("limesurvey/export-of-survey-with-one-multi-choice-question-as-tsv.txt").yaml, file: "m.yaml")
        let question = try #require(survey.question(named: "onlyQuestion"))
        #expect(question.type == .selectMultiple)
        #expect(question.required)
        #expect(survey.choices(for: question).map(\.value) == ["opt", "opt1"])
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func minimalSurveyReportsStructurePropertiesAndTranslatesTheRest() throws {
        #expect(
            try SharedFixtures.unsupported("limesurvey/export-of-minimal-survey-as-tsv.txt") == [
                "limesurvey/export-of-minimal-survey-as-tsv.txt:169:6: relevance of 'AttExExWeird' cannot be translated: "
                    + "it uses 'self.gseq', a property of the survey's structure that fabrique has no equivalent of: "
                    + "\"self.gseq - 10 < nrOfDMQs_nr\"; rewrite it, or rerun with --skip-unsupported to leave it out",
                "limesurvey/export-of-minimal-survey-as-tsv.txt:183:7: equation of 'AttExWeirdSeq' cannot be translated: "
                    + "it uses 'self.gseq', a property of the survey's structure that fabrique has no equivalent of: \"{self.gseq + 1}\"; "
                    + "rewrite it, or rerun with --skip-unsupported to leave it out",
                "limesurvey/export-of-minimal-survey-as-tsv.txt:203:7: equation of 'AttExLonelySeq' cannot be translated: "
                    + "it uses 'self.gseq', a property of the survey's structure that fabrique has no equivalent of: \"{self.gseq + 1}\"; "
                    + "rewrite it, or rerun with --skip-unsupported to leave it out"
            ])
        let survey = try SurveyLoader.load(
            try SharedFixtures.importSurvey("limesurvey/export-of-minimal-survey-as-tsv.txt", skipUnsupported: true).yaml, file: "min.yaml")
        #expect(survey.question(named: "localDistance")?.calculation?.source == "if(${country}=\"1\",\"5 meters\",\"10 meters\")")
        #expect(survey.question(named: "nrOfDMQs_nr")?.type == .decimal)
        #expect(survey.question(named: "work")?.type == .selectMultiple)
        #expect(survey.choices(for: try #require(survey.question(named: "age"))).map(\.value) == ["1", "2", "3", "4", "5", "6", "7", "8", "0"])
    }

    @Test func expressionManagerTranslates() throws {
        #expect(
            try LimeSurveyLogic.translate("q1 == \"A1\" && !is_empty(q2.NAOK) || m_SQ1 == \"Y\"", multiple: ["m"]).get()
                == "${q1} = \"A1\"  and  (${q2} != '')  or  selected(${m}, 'SQ1')")
        #expect(try LimeSurveyLogic.translate("1", multiple: []).get() == nil)
        #expect(throws: TranslationFailure.self) { try LimeSurveyLogic.translate("count(a, b) > 1", multiple: []).get() }
    }
}

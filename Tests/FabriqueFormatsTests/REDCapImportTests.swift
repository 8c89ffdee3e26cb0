import FabriqueCore
@testable import FabriqueFormats
import Testing

/// REDCap data dictionaries from REDCapR's test projects, as they are.
struct REDCapImportTests {
    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func checkboxesImportCleanlyWithTheirCodes() throws {
        let imported = try SharedFixtures.importSurvey("redcap/checkboxes-1/dictionary.csv")
        let survey = try SurveyLoader.load(imported.yaml, file: "checkboxes.yaml")
        #expect(survey.sections.map(\.name) == ["form_1", "form_2"])
        #expect(survey.question(named: "check_one")?.type == .selectMultiple)
        #expect(survey.choices(for: try #require(survey.question(named: "check_two"))).map(\.value) == ["a", "b", "c", "d", "e"])
        #expect(survey.question(named: "desired_result")?.appearance == "multiline")
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func longitudinalReportsTheUploadAndThePowerOperator() throws {
        #expect(try SharedFixtures.unsupported("redcap/longitudinal/dictionary.csv") == [
            "redcap/longitudinal/dictionary.csv:4:4: 'file' (an upload): fabrique stores no files; ask for a description (text) instead; or rerun with --skip-unsupported to leave 'patient_document' out",
            "redcap/longitudinal/dictionary.csv:24:6: calculation of 'bmi' cannot be translated: '^' (power) has no fabrique equivalent: \"round(([weight]*10000)/(([height])^(2)),1)\"; rewrite it, or rerun with --skip-unsupported to leave 'bmi' out",
            "redcap/longitudinal/dictionary.csv:34:6: calculation of 'bmi2' cannot be translated: '^' (power) has no fabrique equivalent: \"round(([weight2]*10000)/(([height2])^(2)),1)\"; rewrite it, or rerun with --skip-unsupported to leave 'bmi2' out",
        ])
        let survey = try SharedFixtures.importSurvey("redcap/longitudinal/dictionary.csv", skipUnsupported: true).survey
        #expect(survey.question(named: "date_enrolled")?.type == .date)
        #expect(survey.question(named: "patient_document") == nil)
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func validationTypesMapAndMinMaxBecomeWarnings() throws {
        let messages = try SharedFixtures.unsupported("redcap/validation-types-1/dictionary.csv")
        #expect(messages.count == 12)
        #expect(messages[2] == "redcap/validation-types-1/dictionary.csv:12:4: 'sql' fields query REDCap's database; fabrique has no equivalent: use a dropdown with the values copied in; or rerun with --skip-unsupported to leave 'f_sql' out")
        #expect(messages[3] == "redcap/validation-types-1/dictionary.csv:20:8: validation 'datetime_dmy' of 'v_datetime_dmy': fabrique records dates without times; change the field to date_ymd in REDCap, or rerun with --skip-unsupported to leave 'v_datetime_dmy' out")
        let imported = try SharedFixtures.importSurvey("redcap/validation-types-1/dictionary.csv", skipUnsupported: true)
        let survey = try SurveyLoader.load(imported.yaml, file: "validation.yaml")
        #expect(survey.question(named: "f_calculated")?.calculation?.source == "3+4")
        #expect(survey.question(named: "f_checkbox")?.type == .selectMultiple)
        #expect(survey.question(named: "f_descriptive")?.type == .note)
        let warned = survey.questions.filter { $0.warning != nil }
        for question in warned {
            #expect(question.constraint?.source.contains(">=") != true, "min/max of \(question.name) must not reject a value")
            #expect(question.warningMessage != nil)
        }
    }

    @Test func branchingLogicTranslates() throws {
        #expect(try REDCapLogic.translate("[sex] = '1' AND [cb(2)] = '1' or [cb(3)] <> \"1\"").get()
                == "${sex} = '1' and selected(${cb}, '2') or not(selected(${cb}, '3'))")
        #expect(try REDCapLogic.translate("[age] >= 18 and [visit_date] <> ''").get() == "${age} >= 18 and ${visit_date} != ''")
        #expect(throws: TranslationFailure.self) { try REDCapLogic.translate("[event_1_arm_1][age] > 1").get() }
        #expect(throws: TranslationFailure.self) { try REDCapLogic.translate("datediff([a], [b], 'y') > 1").get() }
    }
}

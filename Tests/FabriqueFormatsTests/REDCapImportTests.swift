import FabriqueCore
import Foundation
import Testing

@testable import FabriqueFormats

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
        #expect(
            try SharedFixtures.unsupported("redcap/longitudinal/dictionary.csv") == [
                "redcap/longitudinal/dictionary.csv:4:4: 'file' (an upload): fabrique stores no files; "
                    + "ask for a description (text) instead; or rerun with --skip-unsupported to leave 'patient_document' out",
                "redcap/longitudinal/dictionary.csv:24:6: calculation of 'bmi' cannot be translated: '^' (power) has no fabrique equivalent: "
                    + "\"round(([weight]*10000)/(([height])^(2)),1)\"; rewrite it, or rerun with --skip-unsupported to leave 'bmi' out",
                "redcap/longitudinal/dictionary.csv:34:6: calculation of 'bmi2' cannot be translated: '^' (power) has no fabrique equivalent: "
                    + "\"round(([weight2]*10000)/(([height2])^(2)),1)\"; rewrite it, or rerun with --skip-unsupported to leave 'bmi2' out"
            ])
        let survey = try SharedFixtures.importSurvey("redcap/longitudinal/dictionary.csv", skipUnsupported: true).survey
        #expect(survey.question(named: "date_enrolled")?.type == .date)
        #expect(survey.question(named: "patient_document") == nil)
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func validationTypesMapAndMinMaxBecomeWarnings() throws {
        let messages = try SharedFixtures.unsupported("redcap/validation-types-1/dictionary.csv")
        #expect(messages.count == 12)
        #expect(
            messages[2]
                == "redcap/validation-types-1/dictionary.csv:12:4: 'sql' fields query REDCap's database; "
                + "fabrique has no equivalent: use a dropdown with the values copied in; or rerun with --skip-unsupported to leave 'f_sql' out"
        )
        #expect(
            messages[3]
                == "redcap/validation-types-1/dictionary.csv:20:8: validation 'datetime_dmy' of 'v_datetime_dmy': fabrique records dates "
                + "without times; change the field to date_ymd in REDCap, or rerun with --skip-unsupported to leave 'v_datetime_dmy' out"
        )
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

    /// REDCap's min and max may name another field (`[other]`): that bound is kept, read from the
    /// other field's answer; a bound fabrique cannot read is named, not dropped silently.
    @Test func aMinOrMaxNamingAFieldIsKeptAndAnUnreadableOneIsNamed() throws {
        let dictionary = """
            field_name,form_name,section_header,field_type,field_label,select_choices_or_calculations,\
            field_note,text_validation_type_or_show_slider_number,text_validation_min,text_validation_max
            record_id,f,,text,ID,,,,,
            debut,f,,text,Début,,,date_ymd,,
            fin,f,,text,Fin,,,date_ymd,[debut],today
            age_max,f,,text,Âge maximum,,,integer,,
            age,f,,text,Âge,,,integer,18,[age_max]
            age_min,f,,text,Âge minimum,,,integer,[age_suivant],
            age_suivant,f,,text,Âge suivant,,,integer,,
            poids,f,,text,Poids,,,number,abc,300
            """
        let imported = try SurveyImporter.importSurvey(Data(dictionary.utf8), file: "dict.csv", kind: .redcap)
        let survey = try SurveyLoader.load(imported.yaml, file: "dict.yaml")
        #expect(survey.question(named: "fin")?.warning?.source == ". >= ${debut} and . <= today()")
        #expect(
            survey.question(named: "fin")?.warningMessage
                == "Valeur inhabituelle : elle est attendue entre la réponse « debut » et aujourd'hui. Vérifiez-la avant de continuer.")
        #expect(survey.question(named: "age")?.warning?.source == ". >= 18 and . <= ${age_max}")
        #expect(survey.question(named: "poids")?.warning?.source == ". <= 300")
        // The message names only the bound that is checked.
        let poids = "Valeur inhabituelle : elle est attendue jusqu'à 300. Vérifiez-la avant de continuer."
        #expect(survey.question(named: "poids")?.warningMessage == poids)
        #expect(survey.question(named: "age_min")?.warning == nil)
        #expect(
            imported.notes.map(\.description).contains(
                "dict.csv:7:9: the min '[age_suivant]' of 'age_min' is not kept: "
                    + "'age_suivant' is not a field asked before 'age_min', and fabrique's checks read earlier answers only"
            ),
            "\(imported.notes)")
        #expect(
            imported.notes.map(\.description).contains(
                "dict.csv:9:9: the min 'abc' of 'poids' is not kept: it is neither a number, a date, 'today' nor a [field]"),
            "\(imported.notes)")
        // A value past the soft limit is accepted, and warned about.
        let result = ResponseValidator(survey: survey).validate(
            ["record_id": "1", "debut": "2024-05-01", "fin": "2024-04-01"], today: CalendarDate(year: 2026, month: 1, day: 1)!)
        #expect(result.issues == [])
        #expect(result.warnings.map(\.field) == ["fin"])
    }

    /// A condition reading a later field is reported with the later field's source line (the
    /// message once looped for ever rewriting its own "line N)").
    @Test func aConditionOnALaterFieldIsReportedWithItsSourceLine() throws {
        let dictionary = """
            field_name,form_name,section_header,field_type,field_label,select_choices_or_calculations,\
            field_note,text_validation_type_or_show_slider_number,text_validation_min,text_validation_max,identifier,branching_logic
            record_id,f,,text,ID,,,,,,,
            detail,f,,text,Détail,,,,,,,[plus] = '1'
            plus,f,,yesno,Plus ?,,,,,,,
            """
        var messages: [String] = []
        do {
            _ = try SurveyImporter.importSurvey(Data(dictionary.utf8), file: "dict.csv", kind: .redcap)
        } catch {
            if case .unsupported(let issues) = error { messages = issues.map(\.description) }
        }
        #expect(
            messages == [
                "dict.csv:3:12: relevant of 'detail' refers to 'plus', which comes later (source line 4); "
                    + "expressions may only use earlier answers; change it in the source, or --skip-unsupported leaves 'detail' out"
            ])
    }

    @Test func branchingLogicTranslates() throws {
        #expect(
            try REDCapLogic.translate("[sex] = '1' AND [cb(2)] = '1' or [cb(3)] <> \"1\"").get()
                == "${sex} = '1' and selected(${cb}, '2') or not(selected(${cb}, '3'))")
        #expect(try REDCapLogic.translate("[age] >= 18 and [visit_date] <> ''").get() == "${age} >= 18 and ${visit_date} != ''")
        #expect(throws: TranslationFailure.self) { try REDCapLogic.translate("[event_1_arm_1][age] > 1").get() }
        #expect(throws: TranslationFailure.self) { try REDCapLogic.translate("datediff([a], [b], 'y') > 1").get() }
    }
}

import FabriqueCore
import Foundation
import Testing

@testable import FabriqueFormats

/// XLSForms from pyxform and Ona, as they are: what imports, and each construct fabrique
/// cannot represent, located at its cell.
struct XLSFormImportTests {
    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func tutorialListsItsMediaAndLocationAndSkippingWritesTheRest() throws {
        #expect(
            try SharedFixtures.unsupported("xlsform/onadata__tutorial.xlsx") == [
                "xlsform/onadata__tutorial.xlsx:survey!A5: 'photo': fabrique stores no media files; "
                    + "ask for a description (text) instead; or rerun with --skip-unsupported to leave 'photo' out",
                "xlsform/onadata__tutorial.xlsx:survey!A7: 'geopoint': fabrique has no location questions; "
                    + "ask for a commune (select_one) or a text instead; or rerun with --skip-unsupported to leave 'location' out"
            ])
        let imported = try SharedFixtures.importSurvey("xlsform/onadata__tutorial.xlsx", skipUnsupported: true)
        let survey = try SurveyLoader.load(imported.yaml, file: "tutorial.yaml")
        #expect(
            survey.questions.map(\.name) == [
                "name", "age", "gender", "date", "pizza_fan", "pizza_hater", "pizza_type", "favorite_toppings",
                "thanks", "net_worth", "grouped", "a_text", "networth_calc"
            ])
        #expect(survey.metadata.map(\.name) == ["start_time", "end_time", "today", "imei", "phonenumber"])
        let age = try #require(survey.question(named: "age"))
        #expect(age.constraint?.source == ". > 0 and . < 120")
        #expect(age.constraintMessage == "That's not a valid age!")
        #expect(age.required)
        #expect(survey.question(named: "pizza_type")?.relevant?.source == "${pizza_fan} = 'yes'")
        #expect(survey.question(named: "grouped")?.group == "a_group")
        #expect(survey.sections.map(\.name) == ["questions", "a_group", "questions_2"])
        #expect(
            survey.choiceList(named: "pizza_toppings")?.items.map(\.value) == [
                "cheese", "pepperoni", "sausauge", "green_peppers", "mushrooms", "anchovies"
            ])
        #expect(imported.yaml.contains("# Source SHA-256: \(SHA256.hex([UInt8](try SharedFixtures.data("xlsform/onadata__tutorial.xlsx"))))"))
        #expect(imported.leftOut.count == 2)
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func upperCaseSheetsAreReadAndExternalChoicesAreReported() throws {
        #expect(
            try SharedFixtures.unsupported("xlsform/pyxform__case_insensitivity.xlsx") == [
                "xlsform/pyxform__case_insensitivity.xlsx:SURVEY!A3: 'select_one_external c1': fabrique does not read external choice files; copy "
                    + "the choices into the choices sheet and use select_one or select_multiple; or rerun with --skip-unsupported to leave 'q2' out",
                "xlsform/pyxform__case_insensitivity.xlsx:SURVEY!A4: 'osm c1': fabrique has no location questions; "
                    + "ask for a commune (select_one) or a text instead; or rerun with --skip-unsupported to leave 'q3' out"
            ])
        let imported = try SharedFixtures.importSurvey("xlsform/pyxform__case_insensitivity.xlsx", skipUnsupported: true)
        #expect(imported.survey.id == "YesNo")
        #expect(imported.survey.title == "Yes or no")
        #expect(imported.survey.languages == ["en"])
        #expect(imported.survey.questions.map(\.name) == ["q1"])
        #expect(imported.survey.choiceList(named: "c1")?.items.map(\.value) == ["n1-c", "n2-c"])
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func duplicateChoiceCodesAreReportedAtTheirCell() throws {
        #expect(
            try SharedFixtures.unsupported("xlsform/pyxform__choice_filter_test.xlsx") == [
                "xlsform/pyxform__choice_filter_test.xlsx:choices!B6: choice 'king' appears twice in list 'counties'; "
                    + "fabrique needs each code once in a list (a choice_filter picks among them): give the second one another code"
            ])
        let survey = try SharedFixtures.importSurvey("xlsform/pyxform__choice_filter_test.xlsx", skipUnsupported: true).survey
        #expect(survey.question(named: "county")?.choiceFilter?.source == "${state}=cf")
        #expect(survey.question(named: "city")?.choiceFilter?.source == "${county}=cf")
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func specTestListsTheRepeatAndEachTypeFabriqueLacks() throws {
        let messages = try SharedFixtures.unsupported("xlsform/pyxform__xlsform_spec_test.xlsx")
        #expect(
            messages.map { $0.components(separatedBy: ": ")[0] } == [
                "xlsform/pyxform__xlsform_spec_test.xlsx:survey!A15", "xlsform/pyxform__xlsform_spec_test.xlsx:survey!A30",
                "xlsform/pyxform__xlsform_spec_test.xlsx:survey!A32", "xlsform/pyxform__xlsform_spec_test.xlsx:survey!A33",
                "xlsform/pyxform__xlsform_spec_test.xlsx:survey!A34", "xlsform/pyxform__xlsform_spec_test.xlsx:survey!A35",
                "xlsform/pyxform__xlsform_spec_test.xlsx:survey!A36", "xlsform/pyxform__xlsform_spec_test.xlsx:survey!A37",
                "xlsform/pyxform__xlsform_spec_test.xlsx:survey!A38"
            ])
        #expect(
            messages[0]
                == "xlsform/pyxform__xlsform_spec_test.xlsx:survey!A15: 'begin_repeat' (repeat 'repeat_test', 7 questions: "
                + "required_text, select_multiple_test, label-test, list-nolabel-test, table_list_question, compact-test…): "
                + "fabrique has no repeats, a response holds one answer per question; "
                + "move the repeated questions to a survey of their own, or rerun with --skip-unsupported to leave them out"
        )
        #expect(
            messages[1].hasSuffix(
                "'acknowledge': fabrique has no acknowledgement question; use 'select_one' with a single 'OK' choice; "
                    + "or rerun with --skip-unsupported to leave 'acknowledge_test' out"
            ))
        #expect(
            messages[2].hasSuffix(
                "'time': fabrique records dates without times; use 'date', or 'text' for a time; "
                    + "or rerun with --skip-unsupported to leave 'time_test' out"
            ))
        #expect(
            messages[5].hasSuffix(
                "'barcode': fabrique has no such question; use 'text' if a person types the value; "
                    + "or rerun with --skip-unsupported to leave 'barcode_test' out"
            ))
        #expect(
            messages[7].hasSuffix(
                "'audio': fabrique stores no media files; ask for a description (text) instead; "
                    + "or rerun with --skip-unsupported to leave 'audio_test' out"
            ))
        let survey = try SharedFixtures.importSurvey("xlsform/pyxform__xlsform_spec_test.xlsx", skipUnsupported: true).survey
        #expect(
            survey.question(named: "a_decimal")?.constraint?.source == "(not(selected(${skip_to_end}, 'yes'))) and (. <= ${a_integer})"
                || survey.question(named: "a_decimal")?.constraint?.source == ". <= ${a_integer}")
        #expect(survey.sections.first { $0.name == "everything" }?.relevant?.source == "not(selected(${skip_to_end}, 'yes'))")
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func grainsReportsCodesWithSpacesAndDuplicateNamesAndImportsTheRest() throws {
        let messages = try SharedFixtures.unsupported("xlsform/onadata__grains.xlsx")
        #expect(
            messages.first
                == "xlsform/onadata__grains.xlsx:choices!B14: choice 'foot paths' of list 'street' contains a space; "
                + "fabrique stores several codes space-separated, so a code cannot hold one: change the code in the source"
        )
        #expect(
            messages.contains(
                "xlsform/onadata__grains.xlsx:survey!A392: 'gps': fabrique has no location questions; "
                    + "ask for a commune (select_one) or a text instead; or rerun with --skip-unsupported to leave 'gps' out"
            ))
        #expect(
            messages.contains(
                "xlsform/onadata__grains.xlsx:survey!B259: duplicate name 'dola_price' (first defined at survey!B91) (fabrique's names are unique in "
                    + "the whole survey, as exports match columns by name); change it in the source, or --skip-unsupported leaves 'dola_price' out"
            ))
        // Its speed is measured by Benchmarks/survey-import.sh, not by this test.
        let data = try SharedFixtures.data("xlsform/onadata__grains.xlsx")
        let imported = try SurveyImporter.importSurvey(data, file: "grains.xlsx", options: ImportOptions(skipUnsupported: true))
        let survey = try SurveyLoader.load(imported.yaml, file: "grains.yaml")
        #expect(survey.questions.count > 250)
        #expect(survey.question(named: "consent")?.type == .selectOne)
    }

    @Test func unsupportedCellsOfAWrittenFormAreEachLocated() throws {
        let form = try XLSXWriter.write([
            (
                "survey",
                [
                    ["type", "name", "label", "required", "default", "calculation", "relevant"],
                    ["text", "label-test", "Nom"],
                    ["integer", "age", "Âge", "${x} = 1"],
                    ["text", "ville", "Ville", "", "Lille"],
                    ["calculate", "c", "", "", "", "pulldata('f', 'a', 'b', 'c')"],
                    ["select_one absente", "s", "S"],
                    ["text", "t", "T", "", "", "", "${ville} = 'x'"]
                ]
            ),
            ("choices", [["list_name", "name", "label"]])
        ])
        let error = #expect(throws: FormatError.self) { try SurveyImporter.importSurvey(form, file: "form.xlsx") }
        guard case .unsupported(let issues)? = error else {
            Issue.record("expected unsupported constructs, got \(String(describing: error))")
            return
        }
        do {
            #expect(
                issues.map(\.description) == [
                    "form.xlsx:survey!B2: name 'label-test' cannot be kept: fabrique's names take letters, digits and '_' only, and exports are "
                        + "matched by name; rename it in the source (for example 'label_test'), or rerun with --skip-unsupported to leave it out",
                    "form.xlsx:survey!D3: 'required' of 'age' is a condition ('${x} = 1'); fabrique's required is yes or no: "
                        + "make the question required and put the condition in 'relevant', or rerun with --skip-unsupported to leave 'age' out",
                    "form.xlsx:survey!E4: default 'Lille' of 'ville': fabrique's form starts empty and has no default answers; "
                        + "remove the default, or rerun with --skip-unsupported to leave 'ville' out",
                    "form.xlsx:survey!F5: calculation of 'c' calls pulldata(), which fabrique's expressions lack "
                        + "(see docs/questionnaire-format.md §6); rewrite the condition, or rerun with --skip-unsupported to leave 'c' out",
                    "form.xlsx:survey!A6: list 'absente' of 's' is not in the choices sheet; "
                        + "add it there, or rerun with --skip-unsupported to leave 's' out",
                    "form.xlsx:survey!G7: relevant of 't' refers to 'ville', which cannot be represented (see above); "
                        + "change it in the source, or --skip-unsupported leaves 't' out"
                ])
        }
    }
}

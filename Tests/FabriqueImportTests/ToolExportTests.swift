import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// Real exports of LimeSurvey, KoboToolbox and REDCap, imported against fabrique questionnaires
/// written by hand to mirror their structures (`Fixtures/`): every non-empty cell is stored, or
/// the import stops and says what to do.
struct ToolExportTests {
    static let fixtures = "Tests/FabriqueImportTests/Fixtures/"
    static let shared = Fixtures.sharedFixtures

    static func fixture(_ yamlPath: String) throws -> ImportFixture {
        let yaml = try Fixtures.text(fixtures + yamlPath)
        return try ImportFixture(survey: try Fixtures.survey(yaml), source: yaml)
    }

    static func options(mapping: ColumnMapping = ColumnMapping(), idColumn: String? = nil, ignoreUnmatched: Bool = false) -> ImportOptions {
        ImportOptions(idColumn: idColumn, mapping: mapping, today: Fixtures.today, ignoreUnmatched: ignoreUnmatched)
    }

    // MARK: LimeSurvey

    static let limeSurveyExpected: [String: [String: String]] = [
        "1": [
            "country": "1", "age": "2", "gender": "fem", "work": "ptnts publc", "siCurrent": "food sport", "concerns": "health family",
            "trust_SQ001": "1", "trust_SQ002": "3"
        ],
        "2": ["country": "2", "age": "8", "gender": "other", "gender_other": "a person", "work": "home", "concerns": "income", "trust_SQ001": "2"],
        "3": ["country": "1"],
        "4": [
            "country": "2", "age": "0", "gender": "male", "work": "chldr other", "work_other": "volunteering", "siCurrent": "famly frnds",
            "concerns": "family health income", "trust_SQ001": "3", "trust_SQ002": "3"
        ]
    ]

    /// LimeSurvey's technical columns hold data: without a word about them the import stops, names
    /// them with their counts, and writes nothing.
    @Test func limeSurveyCodeHeadingsStopOnTechnicalColumnsThenImportWhenIgnored() throws {
        let fixture = try Self.fixture("limesurvey/covid-minimal.yaml")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(Self.fixtures + "limesurvey/responses-codes.csv"))))
        do {
            try fixture.importBytes(bytes, options: Self.options())
            Issue.record("the import should stop on submitdate, lastpage, startlanguage and seed")
        } catch let error as ImportError {
            let message = error.localizedDescription
            #expect(
                message.contains(
                    "4 column(s) hold data but match no question; "
                        + "nothing was imported: column 2 'submitdate' (3 non-empty cells), column 3 'lastpage' (4 non-empty cells)"
                ))
            #expect(message.contains(#"ignore: ["submitdate", "lastpage", "startlanguage", "seed"]"#))
            #expect(message.contains("--ignore-unmatched"))
        }
        #expect(try fixture.stored().isEmpty)
        let mapping = try ColumnMapping.parse("ignore: [submitdate, lastpage, startlanguage, seed]\n", file: "m.yaml", survey: fixture.survey)
        let summary = try fixture.importBytes(bytes, options: Self.options(mapping: mapping))
        #expect(summary.inserted == 4 && summary.rejected == 0 && summary.warnings.isEmpty, "\(summary)")
        #expect(try fixture.stored() == Self.limeSurveyExpected)
    }

    /// Full-text headings (`Question text [Subquestion text]`, `[Rank 1]`, `[Other]`), `Response ID`,
    /// answer texts and 1/0 give the same responses as the code headings.
    @Test func limeSurveyFullTextHeadingsMatchThroughLabels() throws {
        let fixture = try Self.fixture("limesurvey/covid-minimal.yaml")
        let path = Fixtures.path(Self.fixtures + "limesurvey/responses-full-text.csv")
        let reader = try CSVReader(path: path)
        #expect(reader.dialect == CSVDialect(encoding: .utf8, hasByteOrderMark: true, delimiter: UInt8(ascii: ",")))
        let summary = try fixture.importBytes(Array(try Data(contentsOf: URL(fileURLWithPath: path))), options: Self.options(ignoreUnmatched: true))
        #expect(summary.inserted == 4 && summary.rejected == 0, "\(summary)")
        #expect(
            summary.warnings == [
                "column 2 'Date submitted' matches no question: its 3 non-empty cell(s) were not imported (--ignore-unmatched)",
                "column 3 'Last page' matches no question: its 4 non-empty cell(s) were not imported (--ignore-unmatched)",
                "column 4 'Start language' matches no question: its 4 non-empty cell(s) were not imported (--ignore-unmatched)",
                "column 5 'Seed' matches no question: its 4 non-empty cell(s) were not imported (--ignore-unmatched)"
            ])
        #expect(try fixture.stored() == Self.limeSurveyExpected)
    }

    // MARK: KoboToolbox

    /// Kobo's `_uuid` and `_id` are empty in these exports: the import reads the id from `_index`
    /// and says so, instead of rejecting every row. Summary and split columns agree.
    @Test(.enabled(if: shared != nil, "../shared/fixtures is absent: the Kobo exports are not imported"))
    func koboExportsFallBackOnTheFilledIdColumn() throws {
        let kobo = try #require(Self.shared).appendingPathComponent("kobo")
        for (file, yaml, rows) in [
            ("dietary_needs__xml_values_headers.csv", "kobo/dietary_needs.yaml", 3),
            ("dietary_needs__xml_summary_only.csv", "kobo/dietary_needs.yaml", 3),
            ("favorite_coffee__xml_values_headers.csv", "kobo/favorite_coffee.yaml", 5)
        ] {
            let fixture = try Self.fixture(yaml)
            let bytes = Array(try Data(contentsOf: kobo.appendingPathComponent(file)))
            let summary = try fixture.importBytes(bytes, name: file, options: Self.options())
            #expect(summary.inserted == rows && summary.rejected == 0, "\(file): \(summary)")
            #expect(
                summary.warnings.first?.contains(" '_id', ") == true
                    && summary.warnings.first?.contains(" '_uuid' are empty in the first \(rows) row(s)") == true,
                "\(file): \(summary.warnings)")
            #expect(summary.warnings.contains { $0.contains("the response id is read from column") && $0.contains("'_index'") }, "\(file)")
            #expect(summary.warnings.contains { $0.contains("'_submission_time' matches no question and is empty") }, "\(file)")
            #expect(!summary.warnings.contains { $0.contains("disagrees") }, "\(file)")
            let again = try fixture.importBytes(bytes, name: file, options: Self.options())
            #expect(again.unchanged == rows && again.inserted == 0, "\(file)")
        }
        let coffee = try Self.fixture("kobo/favorite_coffee.yaml")
        try coffee.importBytes(
            Array(try Data(contentsOf: kobo.appendingPathComponent("favorite_coffee__xml_values_headers.csv"))), options: Self.options())
        #expect(
            try coffee.stored() == [
                "1": ["favorite_coffee_type": "french italian", "brand_of_coffee_machine": "Breville"],
                "2": ["favorite_coffee_type": "italian", "brand_of_coffee_machine": "DeLonghi"],
                "3": ["favorite_coffee_type": "american", "brand_of_coffee_machine": "Nespresso"],
                "4": ["favorite_coffee_type": "french", "brand_of_coffee_machine": "Saico"],
                "5": ["favorite_coffee_type": "american british", "brand_of_coffee_machine": "Keurig"]
            ])
    }

    // MARK: REDCap

    /// Checkboxes `field___code` with 0/1 and the forms' `*_complete` statuses, against a
    /// questionnaire mirroring the dictionary.
    @Test(.enabled(if: shared != nil, "../shared/fixtures is absent: the REDCap exports are not imported"))
    func redcapCheckboxesAndFormStatuses() throws {
        let redcap = try #require(Self.shared).appendingPathComponent("redcap")
        let fixture = try Self.fixture("redcap/checkboxes-1.yaml")
        let summary = try fixture.importBytes(
            Array(try Data(contentsOf: redcap.appendingPathComponent("checkboxes-1/data.csv"))), options: Self.options())
        #expect(summary.inserted == 4 && summary.rejected == 0 && summary.warnings.isEmpty, "\(summary)")
        let stored = try fixture.stored()
        #expect(stored["1"]?["check_one"] == "1" && stored["1"]?["check_two"] == "a c" && stored["1"]?["form_2_complete"] == "2", "\(stored)")
        #expect(stored["2"]?["check_one"] == nil && stored["2"]?["check_two"] == "b d" && stored["2"]?["form_1_complete"] == "0")
        #expect(stored["3"]?["check_one"] == "1 2 3 4" && stored["4"] == ["form_1_complete": "0", "form_2_complete": "0"])

        let types = try Self.fixture("redcap/validation-types-1.yaml")
        let typed = try types.importBytes(
            Array(try Data(contentsOf: redcap.appendingPathComponent("validation-types-1/data.csv"))), options: Self.options())
        #expect(typed.inserted == 1 && typed.rejected == 0 && typed.warnings.isEmpty, "\(typed)")
        #expect(try types.stored()["1"] == ["f_calculated": "7", "form_1_complete": "0"])
    }

    /// A longitudinal export holds one row per record and event: fabrique keeps one response per
    /// id, so the import stops, writes nothing, and says to import one event at a time.
    @Test(.enabled(if: shared != nil, "../shared/fixtures is absent: the REDCap exports are not imported"))
    func redcapLongitudinalExportStopsWithAClearMessage() throws {
        let redcap = try #require(Self.shared).appendingPathComponent("redcap")
        let fixture = try Self.fixture("redcap/longitudinal.yaml")
        let bytes = Array(try Data(contentsOf: redcap.appendingPathComponent("longitudinal/data.csv")))
        #expect(throws: ImportError.noIdColumn(file: fixture.dir.path("in.csv"), wanted: nil, candidates: ColumnPlan.idCandidates)) {
            try fixture.importBytes(bytes, options: Self.options())
        }
        // redcap_event_name holds data and matches no question: named first.
        #expect(
            throws: ImportError.unmatchedColumns(
                file: fixture.dir.path("in.csv"),
                columns: [.init(position: 2, header: "redcap_event_name", filledCells: 18)])
        ) {
            try fixture.importBytes(bytes, options: Self.options(idColumn: "study_id"))
        }
        do {
            try fixture.importBytes(bytes, options: Self.options(idColumn: "study_id", ignoreUnmatched: true))
            Issue.record("a longitudinal export should stop")
        } catch {
            #expect(
                error.localizedDescription.contains(
                    "line 3: response '100' appears twice in this REDCap longitudinal export (column 'redcap_event_name')"), "\(error)")
        }
        #expect(try fixture.stored().isEmpty)
    }
}

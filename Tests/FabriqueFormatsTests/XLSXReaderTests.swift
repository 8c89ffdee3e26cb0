import Foundation
import Testing

@testable import FabriqueFormats

/// The workbook reader on real files written by Excel and LibreOffice, and on its own output.
struct XLSXReaderTests {
    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func readsSheetNamesInTheirCaseAndCellsWithGaps() throws {
        let sheets = try XLSXReader.read(try SharedFixtures.data("xlsform/pyxform__case_insensitivity.xlsx"), file: "case.xlsx")
        #expect(sheets.map(\.name) == ["SURVEY", "CHOICES", "SETTINGS", "EXTERNAL_CHOICES", "ENTITIES", "OSM"])
        let survey = sheets[0]
        #expect(survey.value(row: 1, column: 3) == "LABEL::EN")
        #expect(survey.value(row: 3, column: 4) == "YES_NO=${q1}")
        #expect(survey.value(row: 2, column: 4) == nil)
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.absent))
    func readsNumbersAsTypedAndBooleanFormulasAsTheirResult() throws {
        let sheets = try XLSXReader.read(try SharedFixtures.data("xlsform/pyxform__xlsform_spec_test.xlsx"), file: "spec.xlsx")
        let survey = try #require(sheets.first { $0.name == "survey" })
        #expect(survey.value(row: 4, column: 3) == "12")  // the 'rows' column holds 12.0 as a number
        #expect(survey.value(row: 15, column: 4) == "2")  // repeat_count
        #expect(survey.value(row: 22, column: 11) == "TRUE")  // required: =TRUE()
    }

    @Test func readsBackWhatTheWriterWrote() throws {
        let data = try XLSXWriter.write([
            ("survey", [["type", "name", "label"], ["text", "nom", " Votre nom <&> « é » "], [], ["note", "", "fin"]]),
            ("choices", [["list_name"]])
        ])
        let sheets = try XLSXReader.read(data, file: "written.xlsx")
        #expect(sheets.map(\.name) == ["survey", "choices"])
        #expect(sheets[0].value(row: 2, column: 3) == " Votre nom <&> « é » ")
        #expect(sheets[0].value(row: 4, column: 2) == nil)
        #expect(sheets[0].value(row: 4, column: 3) == "fin")
        #expect(sheets[0].rowNumbers == [1, 2, 4])
    }

    @Test func refusesAFileThatIsNotAWorkbook() {
        #expect(throws: FormatError.self) { try XLSXReader.read(Data("type,name\n".utf8), file: "form.xlsx") }
    }

    @Test func cellReferencesReadAndWriteLetters() {
        #expect(CellReference("AB12") == CellReference(row: 12, column: 28))
        #expect(CellReference(row: 14, column: 1).description == "A14")
        #expect(CellReference(row: 1, column: 703).description == "AAA1")
        #expect(CellReference("12") == nil)
    }
}

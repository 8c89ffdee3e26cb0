import FabriqueCSV
import Testing

/// The writer quotes exactly what needs quoting.
struct CSVWriterTests {
    static func text(_ fields: [String], _ format: CSVOutputFormat = .standard) -> String {
        String(decoding: CSVWriter.encode(fields, format: format), as: UTF8.self)
    }

    @Test func plainFieldsAreNotQuoted() {
        #expect(Self.text(["a", "b c", "santé", ""]) == "a,b c,santé,\n")
    }

    @Test func specialFieldsAreQuotedAndQuotesDoubled() {
        #expect(
            Self.text(["1,5", "dit \"oui\"", "ligne\nsuivante", "cr\rseul", " espace"])
                == "\"1,5\",\"dit \"\"oui\"\"\",\"ligne\nsuivante\",\"cr\rseul\",\" espace\"\n")
    }

    @Test func frenchExcelUsesSemicolonsAndCRLF() {
        #expect(Self.text(["1,5", "a;b"], .frenchExcel) == "1,5;\"a;b\"\r\n")
    }
}

/// Cells meant for a spreadsheet never reach it as formulas (OWASP "CSV injection").
struct SpreadsheetCellTests {
    @Test(
        "a cell a spreadsheet would run is written as text",
        arguments: [
            (#"=HYPERLINK("http://x","a")"#, #"'=HYPERLINK("http://x","a")"#),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-1+2", "'-1+2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tindent", "'\tindent"),
            ("\rretour", "'\rretour"),
            ("+33 6 12 34 56 78", "'+33 6 12 34 56 78")
        ])
    func neutralised(cell: String, written: String) {
        #expect(SpreadsheetCell.neutralised(cell) == written)
        #expect(SpreadsheetCell.isFormula(cell))
    }

    @Test("numbers and ordinary texts are left alone", arguments: ["-1", "+2,5", "-0.75", "12", "", "a=b", "santé", "'déjà"])
    func leftAlone(cell: String) {
        #expect(SpreadsheetCell.neutralised(cell) == cell)
        #expect(!SpreadsheetCell.isFormula(cell))
    }

    @Test func spreadsheetFormatsNeutraliseAndTheStandardOneKeepsValues() {
        let fields = [#"=HYPERLINK("http://x","a")"#, "-3", "@x"]
        #expect(CSVWriterTests.text(fields, .frenchExcel) == #""'=HYPERLINK(""http://x"",""a"")";-3;'@x"# + "\r\n")
        #expect(CSVWriterTests.text(fields, .spreadsheet) == #""'=HYPERLINK(""http://x"",""a"")",-3,'@x"# + "\n")
        // Plain CSV is data for programs: it is re-imported value for value.
        #expect(CSVWriterTests.text(fields) == #""=HYPERLINK(""http://x"",""a"")",-3,@x"# + "\n")
    }
}

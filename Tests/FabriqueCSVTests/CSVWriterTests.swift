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
        #expect(Self.text(["1,5", "dit \"oui\"", "ligne\nsuivante", "cr\rseul", " espace"]) == "\"1,5\",\"dit \"\"oui\"\"\",\"ligne\nsuivante\",\"cr\rseul\",\" espace\"\n")
    }

    @Test func frenchExcelUsesSemicolonsAndCRLF() {
        #expect(Self.text(["1,5", "a;b"], .frenchExcel) == "1,5;\"a;b\"\r\n")
    }
}

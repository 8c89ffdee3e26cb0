import FabriqueCSV
import FabriqueTestSupport
import Foundation
import Testing

/// The csv-spectrum acid test (max-mapper/csv-spectrum @ d30e80f8, in `../shared/fixtures/csv-spectrum`):
/// every file parses exactly as its `expected.json` says, whose values agree with Python's csv
/// module and Excel.
struct CSVSpectrumTests {
    /// One file's expected parse.
    struct Expected: Decodable {
        var encoding: String
        var delimiter: String
        var header: [String]
        var rows: [[String]]
    }

    static let folder = Fixtures.sharedFixtures?.appendingPathComponent("csv-spectrum")

    @Test(.enabled(if: folder != nil, "../shared/fixtures/csv-spectrum is absent: the csv-spectrum acid test is skipped"))
    func everyFileParsesAsExpected() throws {
        let folder = try #require(Self.folder)
        let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
        let expected = try JSONDecoder().decode([String: [String: Expected]].self, from: data)["ok"] ?? [:]
        #expect(expected.count == 12)
        for (name, want) in expected.sorted(by: { $0.key < $1.key }) {
            let reader = try CSVReader(path: folder.appendingPathComponent("csvs/\(name)").path)
            let records = try reader.records()
            #expect(reader.dialect.encoding == .utf8, "\(name)")
            #expect(reader.dialect.delimiterText == want.delimiter, "\(name)")
            #expect(records.first?.fields == want.header, "\(name)")
            #expect(records.dropFirst().map(\.fields) == want.rows, "\(name)")
        }
    }

    @Test(.enabled(if: folder != nil, "../shared/fixtures/csv-spectrum is absent: the bare-quote check is skipped"))
    func bareQuoteInAnUnquotedFieldIsALiteralQuoteWithAWarning() throws {
        let folder = try #require(Self.folder)
        let reader = try CSVReader(path: folder.appendingPathComponent("csvs/location_coordinates.csv").path)
        let records = try reader.records()
        #expect(records[1].fields[1] == "37\u{FFFD}36'37.8\"N 121\u{FFFD}2'17.9\"W")
        #expect(reader.bareQuotes.count == 2)
        #expect(reader.bareQuotes.lines == [2])
        #expect(reader.bareQuoteWarning?.contains("2 quote(s) inside unquoted fields were read as literal quotes (line 2)") == true)
    }

    @Test func textAfterAClosingQuoteStillStopsTheRead() throws {
        let dir = try TemporaryDirectory()
        let reader = try CSVReader(path: dir.write(Array("a,b\n1,x\"y\"\n\"q\"z,2\n".utf8), to: "f.csv"))
        #expect(throws: CSVError.self) { try reader.records() }
        do {
            _ = try reader.records()
        } catch {
            #expect(error.localizedDescription.contains("line 3: bad quoting: text after a closing quote"))
        }
    }
}

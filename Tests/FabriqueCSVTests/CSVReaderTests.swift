import FabriqueCSV
import FabriqueTestSupport
import Foundation
import Testing

/// The reader on every shape of file that survey tools and Excel produce.
struct CSVReaderTests {
    static func read(_ text: String, encoding: CSVEncoding? = nil, delimiter: UInt8? = nil) throws -> (CSVDialect, [CSVRecord]) {
        try read(Array(text.utf8), encoding: encoding, delimiter: delimiter)
    }

    static func read(_ bytes: [UInt8], encoding: CSVEncoding? = nil, delimiter: UInt8? = nil) throws -> (CSVDialect, [CSVRecord]) {
        let dir = try TemporaryDirectory()
        let reader = try CSVReader(path: dir.write(bytes, to: "f.csv"), encoding: encoding, delimiter: delimiter)
        return (reader.dialect, try reader.records())
    }

    @Test func quotedFieldsKeepNewlinesAndDoubledQuotes() throws {
        let (dialect, records) = try Self.read("id,texte,n\n1,\"ligne 1\nligne 2\",3\n2,\"il a dit \"\"oui\"\"\",4\n")
        #expect(dialect.delimiter == UInt8(ascii: ","))
        #expect(
            records == [
                CSVRecord(line: 1, fields: ["id", "texte", "n"]),
                CSVRecord(line: 2, fields: ["1", "ligne 1\nligne 2", "3"]),
                CSVRecord(line: 4, fields: ["2", "il a dit \"oui\"", "4"])
            ])
    }

    @Test func crlfAndCrOnlyLineEndingsNumberLinesAlike() throws {
        for ending in ["\r\n", "\r", "\n"] {
            let text = ["a,b", "1,\"x\(ending)y\"", "", "2,z"].joined(separator: ending) + ending
            let (_, records) = try Self.read(text)
            #expect(records.map(\.line) == [1, 2, 5], "ending \(ending.debugDescription)")
            #expect(records[1].fields == ["1", "x\(ending)y"])
        }
    }

    @Test func byteOrderMarkIsSkippedAndReported() throws {
        let (dialect, records) = try Self.read([0xEF, 0xBB, 0xBF] + Array("nom;ville\nÉlise;Sélestat\n".utf8))
        #expect(dialect == CSVDialect(encoding: .utf8, hasByteOrderMark: true, delimiter: UInt8(ascii: ";")))
        #expect(records[0].fields == ["nom", "ville"])
        #expect(records[1].fields == ["Élise", "Sélestat"])
    }

    @Test func windows1252IsDetectedAndDecodedWithItsOwnCharacters() throws {
        // « Cœur » ’ € in Windows-1252: 0xAB 0x9C 0xBB 0x92 0x80 differ from Latin-1 for œ, ’ and €.
        let bytes: [UInt8] =
            Array("libellé;montant\n".utf8).map { $0 }.replacingUTF8é() + [
                0xAB, 0x20, 0x43, 0x9C, 0x75, 0x72, 0x20, 0xBB, 0x92, 0x3B, 0x31, 0x32, 0x80, 0x0A
            ]
        let (dialect, records) = try Self.read(bytes)
        #expect(dialect.encoding == .windows1252)
        #expect(records[0].fields == ["libellé", "montant"])
        #expect(records[1].fields == ["« Cœur »’", "12€"])
    }

    @Test func invalidUTF8LateInTheFileStillMeansWindows1252() throws {
        var bytes = Array("a,b\n".utf8)
        for index in 0..<200_000 { bytes += Array("\(index),texte\n".utf8) }
        bytes += [0x78, 0x2C, 0xE9, 0x0A]
        let (dialect, records) = try Self.read(bytes)
        #expect(dialect.encoding == .windows1252)
        #expect(records.last?.fields == ["x", "é"])
    }

    /// A file of 4 MiB or more is scanned in two halves: characters of two and three bytes
    /// across the middle stay UTF-8, and one byte that is not UTF-8 in either half means Windows-1252.
    @Test func largeFilesAreScannedInTwoHalvesAcrossCharacters() throws {
        for character in ["é", "€", "𝄞"] {
            for shift in 0..<4 {
                // Lines of "é,…" whose middle byte falls at every offset inside a character.
                var bytes = Array("a,b\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: shift) + [0x0A]
                let line = Array("\(character),\(String(repeating: character, count: 40))\n".utf8)
                while bytes.count < 5 << 20 { bytes += line }
                #expect(try Self.read(bytes).0.encoding == .utf8, "\(character) \(shift)")
                for position in [bytes.count / 4, 3 * bytes.count / 4] {
                    var latin = bytes
                    let start = latin[position...].firstIndex(of: 0x0A)! + 1
                    latin.replaceSubrange(start..<(start + line.count), with: Array("\u{E9},\u{E9}\n".unicodeScalars.map { UInt8($0.value) }))
                    #expect(try Self.read(latin).0.encoding == .windows1252, "\(character) \(shift) \(position)")
                }
            }
        }
    }

    @Test func tabAndSemicolonAreDetectedRespectingQuotes() throws {
        #expect(try Self.read("a\tb\tc\n1\t2,5\t3\n").0.delimiter == UInt8(ascii: "\t"))
        // Commas inside quotes and decimal commas do not fool detection.
        #expect(try Self.read("nom;etp\n\"Dupont, Jean\";0,5\n\"Martin, Léa\";1,5\n").0.delimiter == UInt8(ascii: ";"))
        #expect(try Self.read("nom,etp\n\"a;b\",1\n\"c;d\",2\n").0.delimiter == UInt8(ascii: ","))
    }

    @Test func overridesWinOverDetection() throws {
        let (dialect, records) = try Self.read("a;b,c\n1;2,3\n", encoding: .windows1252, delimiter: UInt8(ascii: ","))
        #expect(dialect.encoding == .windows1252)
        #expect(records[1].fields == ["1;2", "3"])
    }

    @Test func emptyFieldsNoFinalNewlineAndMultibyteText() throws {
        let (_, records) = try Self.read("a,b,c\n,,\n\"\",x,\n日本,😀,é")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["", "", ""], ["", "x", ""], ["日本", "😀", "é"]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
    }

    @Test func spacesAroundValuesAreKept() throws {
        #expect(try Self.read("a,b\n  x , y\n").1[1].fields == ["  x ", " y"])
    }

    @Test func unterminatedQuoteNamesTheLineWhereTheRecordStarts() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write(Array("a,b\n1,2\n3,\"jamais fermé\n4,5\n".utf8), to: "f.csv")
        #expect(throws: CSVError.unterminatedQuote(file: path, line: 3)) { try CSVReader(path: path).records() }
    }

    @Test func strayQuoteIsMalformedAtItsRecord() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write(Array("a,b\n1,2\n3,4\n5,\"x\"y\n".utf8), to: "f.csv")
        #expect {
            try CSVReader(path: path).records()
        } throws: { error in
            guard case .malformed(_, let line, _) = error as? CSVError else { return false }
            return line == 4 && error.localizedDescription.contains("line 4")
        }
    }

    @Test func fieldCountMismatchIsMalformedWithItsLine() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write(Array("a,b,c\n1,2,3\n\"multi\nligne\",2,3\n4,5\n".utf8), to: "f.csv")
        #expect(throws: CSVError.fieldCount(file: path, line: 5, expected: 3, found: 2)) {
            _ = try CSVPreview(reader: try CSVReader(path: path), rows: 10)
        }
        #expect(CSVError.fieldCount(file: "f.csv", line: 5, expected: 3, found: 2).description.hasPrefix("f.csv line 5:"))
    }

    @Test func previewCountsEveryRecordAndKeepsTheFirstRows() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write(Array(("id,v\n" + (1...50).map { "\($0),x" }.joined(separator: "\n")).utf8), to: "f.csv")
        let preview = try CSVPreview(reader: try CSVReader(path: path), rows: 3)
        #expect(preview.header == ["id", "v"])
        #expect(preview.rows == [["1", "x"], ["2", "x"], ["3", "x"]])
        #expect(preview.rowCount == 50)
    }

    @Test func writtenRecordsReadBackIdentical() throws {
        var random = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "é", ",", ";", "\t", "\"", "\n", "\r\n", "\r", " ", "œ", "€", "😀", "x", "0,5", "’"]
        // French Excel's layout without its formula neutralisation, which changes cells on purpose (SpreadsheetCellTests).
        let excelLayout = CSVOutputFormat(delimiter: UInt8(ascii: ";"), lineEnding: "\r\n", byteOrderMark: true)
        for format in [CSVOutputFormat.standard, excelLayout, CSVOutputFormat(delimiter: UInt8(ascii: "\t"), lineEnding: "\r")] {
            let width = Int.random(in: 1...6, using: &random)
            let records: [[String]] = (0..<300).map { row in
                (0..<width).map { column in
                    // A record of one empty field is a blank line, which CSV cannot tell apart; keep the first field non-empty.
                    let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
                    return column == 0 && text.isEmpty ? "r\(row)" : text
                }
            }
            let dir = try TemporaryDirectory()
            let writer = try CSVWriter(path: dir.path("w.csv"), format: format)
            for record in records { try writer.write(record) }
            try writer.finish()
            let read = try CSVReader(path: dir.path("w.csv"), delimiter: format.delimiter).records()
            #expect(read.map(\.fields) == records, "format \(format)")
        }
    }
}

extension Array where Element == UInt8 {
    /// Re-encodes 'é' (UTF-8 C3 A9) as Windows-1252 E9.
    fileprivate func replacingUTF8é() -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < count {
            if self[index] == 0xC3, index + 1 < count, self[index + 1] == 0xA9 {
                out.append(0xE9)
                index += 2
            } else {
                out.append(self[index])
                index += 1
            }
        }
        return out
    }
}

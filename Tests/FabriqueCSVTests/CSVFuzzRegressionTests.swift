import FabriqueTestSupport
import Testing

@_spi(Testing) @testable import FabriqueCSV

/// Inputs the CSV fuzzer (Fuzz/FuzzCSV, docs/fuzzing.md) found, kept as tests.
struct CSVFuzzRegressionTests {
    /// A file with a byte order mark read in chunks smaller than the mark trapped
    /// (`Range requires lowerBound <= upperBound`): the mark is now skipped across chunks.
    @Test func aByteOrderMarkSpanningChunksIsSkipped() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write([0xEF, 0xBB, 0xBF] + Array("id;nom\r\n1;été\r\n".utf8), to: "bom.csv")
        let whole = try CSVReader(path: path).records()
        #expect(whole == [CSVRecord(line: 1, fields: ["id", "nom"]), CSVRecord(line: 2, fields: ["1", "été"])])
        for chunk in 1...4 {
            let reader = try CSVReader(path: path)
            reader.readChunkSize = chunk
            #expect(try reader.records() == whole, "chunks of \(chunk)")
        }
    }

    /// A bare quote inside an unquoted field broke the space scan's quote parity: read in
    /// chunks, a later field's leading space was taken to be inside quotes and trimmed, so that
    /// field's quote opened a quoted field and the read failed on line 2 where the whole read
    /// kept the space and failed on line 3. Every chunk size now reads as the whole file.
    @Test func aBareQuoteDoesNotLetALeadingSpaceBeTrimmed() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write(Array("key,val\nab\"{\"\"t\"\"\"\", \"\"c,val\n1,2\n".utf8), to: "bare.csv")
        let whole = try CSVReader(path: path).records()
        #expect(
            whole == [
                CSVRecord(line: 1, fields: ["key", "val"]), CSVRecord(line: 2, fields: ["ab\"{\"\"t\"\"\"\"", " \"\"c", "val"]),
                CSVRecord(line: 3, fields: ["1", "2"])
            ])
        for chunk in [1, 2, 3, 5, 8, 13] {
            let reader = try CSVReader(path: path)
            reader.readChunkSize = chunk
            #expect(try reader.records() == whole, "chunks of \(chunk)")
        }
        var scan = EdgeSpaceScan(delimiter: 0x2C)
        let bare = Array("ab\"c".utf8).withUnsafeBytes { bytes in scan.keepsSpaces(bytes) }
        let after = Array("x,y".utf8).withUnsafeBytes { bytes in scan.keepsSpaces(bytes) }
        #expect(bare && after && scan.parityLost)
    }
}

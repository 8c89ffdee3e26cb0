@_spi(Testing) import FabriqueCSV
import FabriqueTestSupport
import Testing

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
}

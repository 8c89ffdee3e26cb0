import Testing

@testable import FabriqueStore

/// The packed rows a bulk import writes: each row's values, id and digest where the writer reads them.
struct ResponseBatchTests {
    @Test func eachRowKeepsItsValuesIdAndDigest() {
        let rows: [(String, [String?])] = [("R1", ["a", nil, "é"]), ("R2", [nil, nil, nil]), ("R3", ["", "x y", "12"])]
        var batch = ResponseBatch(width: 3)
        for (id, values) in rows { batch.append(line: 7, responseId: id, values: values) }
        #expect(batch.count == 3)
        for (row, (id, values)) in rows.enumerated() {
            #expect(batch.responseId(row) == id)
            #expect(batch.digest(row) == ResponseBatch.digest(of: values))
            #expect((0..<3).map { batch.value(row, $0).map(batch.text) } == values)
        }
        // An empty answer and no answer differ, in the values and in the digest.
        #expect(ResponseBatch.digest(of: [""]) != ResponseBatch.digest(of: [nil]))
        batch.removeAll()
        #expect(batch.count == 0)
        batch.append(line: 1, responseId: "R4", values: ["b", "c", nil])
        #expect(batch.responseId(0) == "R4" && batch.value(0, 1).map(batch.text) == "c")
    }

    @Test func integersAreReadFromBytesAsInt64ReadsText() {
        let cases = [
            "", "-", "+", "0", "-0", "+7", "007", "42", "-42", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "1.0", " 1", "1 ", "1a", "--1", "١٢"
        ]
        for text in cases {
            var copy = text
            let parsed = copy.withUTF8 { ResponseBulkWriter.int64(UnsafeRawBufferPointer($0)) }
            #expect(parsed == Int64(text), "\(text.debugDescription)")
        }
    }
}

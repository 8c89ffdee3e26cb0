import FabriqueCSV
import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

/// The batch reader that bulk imports use: records packed in reused byte buffers must read exactly
/// as records one at a time, across batch boundaries, chunk boundaries and buffer reuse.
struct CSVBatchTests {
    /// Reads every batch with buffers handed back for reuse, as the import does.
    static func readInBatches(_ reader: CSVReader, size: Int) throws -> [CSVRecord] {
        var spare: [CSVBatch] = []
        var records: [CSVRecord] = []
        let makeBatch: () -> CSVBatch = {
            guard var batch = spare.popLast() else { return CSVBatch() }
            batch.removeAll()
            return batch
        }
        try reader.forEachBatch(size: size, makeBatch: makeBatch) { batch in
            #expect(batch.count <= size)
            records += (0..<batch.count).map(batch.record)
            spare.append(batch)
        }
        return records
    }

    @Test func smallBatchesReadLikeRecordsOneByOne() throws {
        let dir = try TemporaryDirectory()
        // Quoted newlines, a blank line, an empty field, a short row, and Windows-1252 (é = E9, œ = 9C, € = 80).
        var bytes = Array("id;texte;n\n1;\"ligne 1\r\nligne 2\";3\n\n2;;4\n3;x\n4;\"il a dit \"\"oui\"\"\";".utf8)
        bytes += [0xE9, 0x20, 0x9C, 0x80, 0x0A, 0x35, 0x3B, 0x79, 0x3B, 0x36]
        let path = try dir.write(bytes, to: "b.csv")
        let reader = try CSVReader(path: path)
        #expect(reader.dialect.encoding == .windows1252)
        let expected = try reader.records()
        #expect(expected.map(\.line) == [1, 2, 5, 6, 7, 8])
        #expect(expected[5].fields == ["5", "y", "6"])
        #expect(expected[4].fields == ["4", "il a dit \"oui\"", "é œ€"])
        for size in [1, 2, 3, 256] {
            #expect(try Self.readInBatches(reader, size: size) == expected, "batches of \(size)")
        }
    }

    @Test func recordsAcrossChunkBoundariesSurviveBufferReuse() throws {
        // Some 2 MB of random records: libcsv's 1 MiB chunks end inside records and quoted fields.
        var random = SeededRandom(seed: 42)
        let alphabet = ["a", "é", " ", ",", "\"", "\n", "€", "Z", "0"]
        let records: [[String]] = (0..<40_000).map { row in
            (0..<5).map { column in
                let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
                return column == 0 ? "r\(row)" : text
            }
        }
        let dir = try TemporaryDirectory()
        let writer = try CSVWriter(path: dir.path("big.csv"))
        for record in records { try writer.write(record) }
        try writer.finish()
        let reader = try CSVReader(path: dir.path("big.csv"), delimiter: UInt8(ascii: ","))
        let read = try Self.readInBatches(reader, size: 97)
        #expect(read.map(\.fields) == records)
        // Lines count the line breaks inside quoted fields.
        var line = 1
        for (index, record) in records.enumerated() {
            #expect(read[index].line == line)
            if read[index].line != line { break }
            line += 1 + record.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
        }
    }

    @Test func aMalformedFileGivesTheRecordsBeforeItsFaultThenTheLine() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write(Data("a,b\n1,2\n3,\"x\"y\n4,5\n".utf8), to: "m.csv")
        let reader = try CSVReader(path: path)
        var given: [CSVRecord] = []
        #expect(throws: CSVError.self) {
            try reader.forEachBatch(size: 1) { batch in given += (0..<batch.count).map(batch.record) }
        }
        #expect(given.map(\.line) == [1, 2])
        let error = #expect(throws: CSVError.self) { try reader.forEachBatch { _ in } }
        #expect(error.map { "\($0)".contains("m.csv line 3:") } == true)
    }
}

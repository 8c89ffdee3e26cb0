import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

@_spi(Testing) @testable import FabriqueCSV

/// Chunks read with libcsv's own space test give what reading every chunk keeping spaces gives.
struct EdgeSpaceTests {
    @Test func aChunkIsSuspectOnlyWhereASpaceTouchesAFieldEdge() {
        func suspect(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) -> Bool {
            var scan = EdgeSpaceScan(delimiter: delimiter)
            return Array(text.utf8).withUnsafeBytes { scan.keepsSpaces($0) }
        }
        #expect(!suspect("a b,c d\nx y,z\n"))
        #expect(!suspect("a,\"b, c\"\n"))
        #expect(!suspect("a,\"b\"\"c d\"\n"))
        #expect(suspect("a ,b\n"))
        #expect(suspect("a, b\n"))
        #expect(suspect(" a,b\n"))
        #expect(suspect("a,b \n"))
        #expect(suspect("a,\"b\" \n"))
        #expect(suspect("a,b\n\tc,d\n"))
        #expect(!suspect("a\tb c\td\n", delimiter: 0x09))
        #expect(suspect("a\t b\n", delimiter: 0x09))
        #expect(!suspect("a,b c"))
        #expect(suspect("a,b "))
    }

    /// Random files of every shape (spaces and tabs inside and around fields, quoted fields with
    /// delimiters, line breaks and doubled quotes, text after closing quotes, three line endings)
    /// read in chunks of a few bytes: the same records, lines and errors either way.
    @Test func chunksReadWithTheBuiltInTestGiveTheSameRecords() throws {
        var random = SeededRandom(seed: 21)
        let pieces = ["a", "bé", "c d", " ", "\t", "  x", "y  ", "1,5", "€"]
        var withBuiltIn = 0
        for round in 0..<400 {
            let delimiter: UInt8 = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09][round % 3]
            let breaks = ["\n", "\r\n", "\r"]
            var text = ""
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                let fields = (0..<Int.random(in: 1...4, using: &random)).map { _ -> String in
                    var field = (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &random)] }
                        .joined()
                    if random.chance(0.2) {
                        let inside = field + (random.chance(0.5) ? String(UnicodeScalar(delimiter)) + " \"\" \n" : "")
                        field = "\"" + inside.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (random.chance(0.1) ? " " : "")
                    }
                    return field
                }
                text += fields.joined(separator: String(UnicodeScalar(delimiter))) + breaks[Int.random(in: 0..<3, using: &random)]
            }
            if random.chance(0.3) { text.removeLast() }
            let dir = try TemporaryDirectory()
            let path = try dir.write(Array(text.utf8), to: "f.csv")
            func read(chunk: Int, builtIn: Bool) -> String {
                do {
                    let reader = try CSVReader(path: path, encoding: .utf8, delimiter: delimiter)
                    reader.readChunkSize = chunk
                    reader.scansEdgeSpaces = builtIn
                    return try reader.records().map { "\($0.line):\($0.fields)" }.joined(separator: "|")
                } catch {
                    return "error: \(error)"
                }
            }
            let reference = read(chunk: 1 << 20, builtIn: false)
            for chunk in [1, 2, 3, 5, 8, 13, 64, 1 << 20] {
                #expect(read(chunk: chunk, builtIn: true) == reference, "\(text.debugDescription), chunks of \(chunk)")
            }
            // How many 5-byte chunks went through the built-in test.
            var scan = EdgeSpaceScan(delimiter: delimiter)
            let bytes = Array(text.utf8)
            for start in stride(from: 0, to: bytes.count, by: 5) {
                if !bytes[start..<min(start + 5, bytes.count)].withUnsafeBytes({ scan.keepsSpaces($0) }) { withBuiltIn += 1 }
            }
        }
        #expect(withBuiltIn > 1_000)
    }
}

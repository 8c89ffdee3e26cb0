import FabriqueTestSupport
import Testing

@testable import FabriqueCore
@testable import FabriqueImport

/// The byte-key table numbers the distinct values of a column: equal bytes, equal numbers;
/// different bytes, different numbers; at most `limit` of them.
struct ByteKeyTableTests {
    /// Random keys of every length around the 8-byte boundary where keys stop fitting in a slot,
    /// zero bytes and shared prefixes included, against a dictionary.
    @Test func numbersMatchADictionary() {
        var random = SystemRandomNumberGenerator()
        var table = ByteKeyTable(limit: 700)
        var reference: [[UInt8]: Int] = [:]
        let alphabet: [UInt8] = [0, 1, 0x20, 0x30, 0x31, 0x61, 0xC3, 0xA9, 0xFF]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...20, using: &random)
            var key = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
            // Often a known key, or a known key with a byte added, removed or changed.
            if let known = reference.keys.randomElement(using: &random), Bool.random(using: &random) {
                key = known
                switch Int.random(in: 0..<4, using: &random) {
                case 0: key.append(0)
                case 1: if !key.isEmpty { key.removeLast() }
                case 2: if !key.isEmpty { key[key.count - 1] ^= 1 }
                default: break
                }
            }
            let number = key.withUnsafeBytes { table.number(of: $0) }
            if let known = reference[key] {
                #expect(number == known)
            } else if reference.count < 700 {
                #expect(number == reference.count)
                reference[key] = reference.count
            } else {
                #expect(number == nil)
            }
        }
        #expect(reference.count == 700)
        #expect(table.count == 700)
        #expect(table.isFull)
    }

    /// Keys that differ only past their first 8 bytes, or only by trailing zero bytes, stay apart.
    @Test func closeKeysStayApart() {
        var table = ByteKeyTable(limit: 16)
        let keys: [[UInt8]] = [Array("abcdefgh".utf8), Array("abcdefghi".utf8), Array("abcdefghj".utf8), [0x61], [0x61, 0], [0x61, 0, 0], [], [0]]
        let first = keys.map { key in key.withUnsafeBytes { table.number(of: $0) } }
        let again = keys.map { key in key.withUnsafeBytes { table.number(of: $0) } }
        #expect(first == Array(0..<keys.count))
        #expect(again == first)
    }
}

/// A validating thread's column values: a full table that rarely finds a value stops being
/// searched, one that keeps finding them is kept, and the text made is the same either way.
struct ColumnValuesTests {
    @Test func fullTablesThatRarelyFindAValueAreNoLongerSearched() throws {
        let survey = try Fixtures.survey(ImportFixture.yaml)
        let plan = try ColumnPlan(header: ["response_id", "etp", "copil", "demarches"], survey: survey, file: "in.csv")
        let assembler = RowAssembler(plan: plan, survey: survey)
        let values = ColumnValues(plan: plan, limit: 64)
        // Without kept parses, the workspace needs every text: the one made, and the number given.
        let workspace = ValidationWorkspace(validator: ResponseValidator(survey: survey), today: Fixtures.today)
        func normalized(_ text: String, column: Int, field: Int) -> (String, Int32) {
            var bytes = Array(text.utf8)
            var problems: [String] = []
            var checks = ImportChecks(columns: 4)
            workspace.beginResponse()
            bytes.withUnsafeMutableBytes { raw in
                values.give(
                    UnsafeRawBufferPointer(raw), column: column, field: field, line: 2, by: assembler, to: workspace, problems: &problems,
                    checks: &checks)
            }
            return (workspace.text(field), workspace.key(field))
        }
        let etp = try #require(survey.fields.firstIndex { $0.name == "etp" })
        let copil = try #require(survey.fields.firstIndex { $0.name == "copil" })
        // A column of distinct amounts, and one mixing 70 known values with a new one in ten.
        for row in 0..<(64 + ColumnValues.judgedAfter + 100) {
            let amount = "\(row),5"
            #expect(normalized(amount, column: 1, field: etp).0 == amount)
            let label = row % 10 == 9 ? "Oui \(row)" : "Oui \(row % 70)"
            let (text, key) = normalized(label, column: 2, field: copil)
            #expect(text == label)
            if row >= 64 + ColumnValues.judgedAfter, row % 10 != 9, row % 70 < 64 { #expect(key >= 0) }
        }
        #expect(!values.isSearched(column: 1))
        #expect(values.isSearched(column: 2))
        // Once not searched, a value the table holds is still made the same, without a number.
        #expect(normalized("0,5", column: 1, field: etp) == ("0,5", -1))
    }
}

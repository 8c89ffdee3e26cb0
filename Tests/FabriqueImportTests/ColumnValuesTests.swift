import FabriqueTestSupport
import Testing

@testable import FabriqueCore
@testable import FabriqueImport

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

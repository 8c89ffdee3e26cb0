import FabriqueReports
import FabriqueStore
import Testing

/// Reports read the response tables, so an erased response stops counting in every table made afterwards.
struct ErasureTableTests {
    @Test func aTableMadeAfterAnErasureNoLongerCountsTheResponse() throws {
        let (builder, dir) = try TableBuilderTests.builder()
        _ = dir
        guard case .frequency(_, _, let valid, _, let categories, _) = try builder.build(TableRequest(rows: "region")) else {
            Issue.record("not a frequency table")
            return
        }
        #expect(valid == 40 && categories.map(\.n) == [20, 17, 3])
        // r0 answered Île-de-France (11).
        _ = try builder.database.eraseResponse(
            surveyId: "t", responseId: "r0", reason: "demande de la personne", actor: "dpo",
            at: "2026-06-15T08:00:00Z", dryRun: false)
        guard case .frequency(_, _, let after, _, let afterCategories, _) = try builder.build(TableRequest(rows: "region")) else {
            Issue.record("not a frequency table")
            return
        }
        #expect(after == 39 && afterCategories.map(\.n) == [19, 17, 3])
    }
}

import FabriqueCore
import FabriqueReports
import Testing

/// Reports read consensus first, then agreement, then single codings (flagged).
struct CodingViewsTests {
    static func coding(_ e: String, _ c: String, _ coder: String, _ level: Int, consensus: Bool = false) -> Coding {
        Coding(experience: e, criterion: c, coder: coder, consensus: consensus, codebookId: "cb", codebookVersion: 1, level: level)
    }

    @Test func levelsPreferConsensusThenAgreementThenSingleCodings() {
        let views = CodingViews(
            codings: [
                Self.coding("f", "a", "ana", 1), Self.coding("f", "a", "ben", 2), Self.coding("f", "a", "chloe", 2, consensus: true),
                Self.coding("f", "b", "ana", 2), Self.coding("f", "b", "ben", 2),
                Self.coding("f", "c", "ana", 0),
                Self.coding("f", "d", "ana", 1), Self.coding("f", "d", "ben", 2)
            ], criteria: ["a", "b", "c", "d", "e"])
        #expect(views.profile("f").map(\.level.source) == [.consensus, .agreed, .single, .unresolved, .uncoded])
        #expect(views.profile("f").map(\.level.level) == [2, 2, 0, nil, nil])
    }

    @Test func cooccurrenceAndQueries() {
        let codings = [
            Self.coding("f1", "a", "ana", 2), Self.coding("f1", "b", "ana", 2), Self.coding("f2", "a", "ana", 2), Self.coding("f2", "b", "ana", 1)
        ]
        let views = CodingViews(codings: codings, criteria: ["a", "b"])
        #expect(views.cooccurrence(["f1", "f2"]) == [[2, 1], [1, 1]])
        #expect(views.meeting("b", minimum: 2, among: ["f1", "f2"]) == ["f1"])
        #expect(views.meeting("b", minimum: 1, among: ["f1", "f2"]) == ["f1", "f2"])
    }
}

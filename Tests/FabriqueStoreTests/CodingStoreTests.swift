import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

@testable import FabriqueStore

/// Codings straight on the store, in a file opened as `fabrique` opens it: idempotent saves, an
/// audit entry per change, one consensus per fiche and criterion, assignments kept.
struct CodingStoreTests {
    static func database(_ dir: TemporaryDirectory) throws -> (AppDatabase, experience: String, codebook: Codebook) {
        let database = try AppDatabase.open(path: dir.path("f.sqlite"))
        let referential = try Fixtures.referential()
        let codebook = try Fixtures.codebook()
        let experiences = try Fixtures.experiences(referential: referential)
        _ = try database.loadSeeds(
            SeedBundle(
                referential: referential, codebook: codebook.codebook, codebookSource: codebook.source, surveys: [],
                experiences: experiences))
        return (database, try #require(experiences.first).slug, codebook.codebook)
    }

    @Test func savesAreIdempotentAndEveryChangeIsAudited() throws {
        let dir = try TemporaryDirectory()
        let (database, experience, codebook) = try Self.database(dir)
        let criterion = try #require(codebook.criteria.first).code
        func coding(_ coder: String, _ level: Int, consensus: Bool = false) -> Coding {
            Coding(
                experience: experience, criterion: criterion, coder: coder, consensus: consensus, codebookId: codebook.id,
                codebookVersion: codebook.version, level: level, memo: "mémo de \(coder)")
        }
        #expect(try database.saveCodings([coding("ana", 1), coding("ben", 2)], actor: "ana", at: "2026-01-01T08:00:00Z").inserted == 2)
        #expect(try database.saveCodings([coding("ana", 1)], actor: "ana", at: "2026-01-02T08:00:00Z").unchanged == 1)
        #expect(try database.saveCodings([coding("ana", 2)], actor: "ana", at: "2026-01-03T08:00:00Z").updated == 1)
        #expect(try database.codings().filter { $0.coder == "ana" }.map(\.level) == [2])
        let audit = try database.codingAudit(experience: experience, criterion: criterion, coder: "ana")
        #expect(audit.map(\.at) == ["2026-01-01T08:00:00Z", "2026-01-03T08:00:00Z"])
        #expect(audit.first?.before == nil && audit.last?.before != nil)
        // One consensus per fiche and criterion: a second adjudicator's replaces the first's, audited.
        _ = try database.saveCodings([coding("chloe", 2, consensus: true)], actor: "chloe", at: "2026-01-04T08:00:00Z")
        _ = try database.saveCodings([coding("david", 1, consensus: true)], actor: "david", at: "2026-01-05T08:00:00Z")
        #expect(try database.codings().filter(\.consensus).map(\.coder) == ["david"])
        #expect(try database.codingAudit(experience: experience, criterion: criterion, coder: "chloe").last?.after.contains("david") == true)
    }

    @Test func assignmentsAccumulateWithoutDuplicates() throws {
        let dir = try TemporaryDirectory()
        let (database, experience, _) = try Self.database(dir)
        #expect(try database.assign([experience], to: ["ben", "ana"]) == 2)
        #expect(try database.assign([experience], to: ["ana", "chloe"]) == 1)
        #expect(try database.assignments() == [experience: ["ana", "ben", "chloe"]])
    }
}

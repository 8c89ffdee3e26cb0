import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import Testing

/// Full-text search over the fiches: accents and case ignored, filters, and no FTS syntax from users.
struct ExperienceSearchTests {
    static func database() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        _ = try database.loadSeeds(try SeedLoadTests.bundle())
        return database
    }

    @Test func searchIgnoresAccentsAndCase() throws {
        let database = try Self.database()
        let plain = try database.searchExperiences("sante mentale").map(\.slug)
        let accented = try database.searchExperiences("Santé MENTALE").map(\.slug)
        #expect(plain == accented)
        #expect(plain.contains("mulhouse-cellule-sante-mentale-qpv"))
        #expect(try database.searchExperiences("chlordécone").map(\.slug) == ["capesterre-jardins-familiaux-chlordecone"])
        #expect(try database.searchExperiences("chlordecone").map(\.slug) == ["capesterre-jardins-familiaux-chlordecone"])
    }

    @Test func filtersNarrowTheResults() throws {
        let database = try Self.database()
        let grandEst = try database.searchExperiences("", region: "44")
        #expect(!grandEst.isEmpty && grandEst.allSatisfy { $0.region == "44" })
        let mental = try database.searchExperiences("", theme: "sante-mentale-isolement-social", approach: "clsm")
        #expect(!mental.isEmpty && mental.allSatisfy { $0.themes.contains("sante-mentale-isolement-social") && $0.approaches.contains("clsm") })
        #expect(try database.searchExperiences("sante", region: "44", year: 1990).isEmpty)
    }

    @Test func userInputIsNeverReadAsSearchSyntax() throws {
        let database = try Self.database()
        for query in ["\"santé", "santé OR", "NEAR(", "a:b", "*", "(", "-santé"] {
            #expect(throws: Never.self) { _ = try database.searchExperiences(query) }
        }
    }

    @Test func snippetsMarkTheMatches() throws {
        let hit = try #require(try Self.database().searchExperiences("isolement").first)
        #expect(hit.snippet.contains("«"))
    }
}

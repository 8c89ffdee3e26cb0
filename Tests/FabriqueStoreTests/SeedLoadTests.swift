import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import Foundation
import GRDB
import Testing

/// Loading seeds: counts, idempotence, immutability of loaded survey versions.
struct SeedLoadTests {
    static func bundle(surveySource: String? = nil) throws -> SeedBundle {
        let source = try surveySource ?? Fixtures.text("surveys/coordination.yaml")
        let referential = try Fixtures.referential()
        let codebook = try Fixtures.codebook()
        return SeedBundle(
            referential: referential, codebook: codebook.codebook, codebookSource: codebook.source,
            surveys: [.init(survey: try SurveyLoader.load(source, file: "coordination.yaml"), source: source)],
            experiences: try Fixtures.experiences(referential: referential))
    }

    @Test func firstLoadInsertsEverythingAndSecondChangesNothing() throws {
        let database = try AppDatabase.inMemory()
        let bundle = try Self.bundle()
        let first = try database.loadSeeds(bundle)
        #expect(first.regions.inserted == 18)
        #expect(first.departements.inserted == 101)
        #expect(first.criteria.inserted == 8)
        #expect(first.experiences.inserted == bundle.experiences.count)
        #expect(first.changed)
        let second = try database.loadSeeds(bundle)
        #expect(!second.changed)
        #expect(second.regions.unchanged == 18)
        #expect(second.experiences.unchanged == bundle.experiences.count)
    }

    @Test func changedRecordsAreUpdatedNotDuplicated() throws {
        let database = try AppDatabase.inMemory()
        var bundle = try Self.bundle()
        _ = try database.loadSeeds(bundle)
        bundle.referential.regions[0].population += 1
        bundle.experiences[0].title += " (révisé)"
        bundle.experiences[0].themes = ["acces-aux-droits"]
        let report = try database.loadSeeds(bundle)
        #expect(report.regions.updated == 1)
        #expect(report.experiences.updated == 1)
        let stored = try database.experiences().first { $0.slug == bundle.experiences[0].slug }
        #expect(stored?.title.hasSuffix("(révisé)") == true)
        #expect(stored?.themes == ["acces-aux-droits"])
        #expect(try database.seedCounts().first { $0.table == "experience" }?.count == bundle.experiences.count)
    }

    @Test func aLoadedSurveyVersionCannotChangeContent() throws {
        let database = try AppDatabase.inMemory()
        _ = try database.loadSeeds(try Self.bundle())
        let edited = try Fixtures.text("surveys/coordination.yaml").replacingOccurrences(of: "title: \"", with: "title: \"Révisé : ")
        #expect(throws: StoreError.surveyVersionChanged(survey: "coordination", version: "2026.2")) {
            _ = try database.loadSeeds(try Self.bundle(surveySource: edited))
        }
        // The failed load rolled back: nothing else was written either.
        #expect(try database.surveySource(id: "coordination").source == Fixtures.text("surveys/coordination.yaml"))
    }

    @Test func aNewVersionBecomesCurrentAndTheOldOneIsKept() throws {
        let database = try AppDatabase.inMemory()
        _ = try database.loadSeeds(try Self.bundle())
        let next = try Fixtures.text("surveys/coordination.yaml").replacingOccurrences(of: "version: \"2026.2\"", with: "version: \"2026.3\"")
        let report = try database.loadSeeds(try Self.bundle(surveySource: next))
        #expect(report.surveys.updated == 1)
        #expect(try database.surveySource(id: "coordination").version == "2026.3")
        #expect(try database.surveySource(id: "coordination", version: "2026.2").source == Fixtures.text("surveys/coordination.yaml"))
    }

    @Test func unknownSurveyHasAnActionableError() throws {
        let database = try AppDatabase.inMemory()
        #expect(throws: StoreError.unknownSurvey("absent")) { try database.surveySource(id: "absent") }
        #expect(StoreError.unknownSurvey("absent").localizedDescription.contains("fabrique init"))
    }

    @Test func fileDatabaseUsesWALAndMigrates() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fabrique-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = try AppDatabase.open(path: path)
        #expect(
            try database.appliedMigrations() == [
                "v1-foundation", "v2-responses", "v3-experience-search", "v4-codings", "v5-web", "v6-accounts", "v7-privacy"
            ])
        #expect(try database.journalMode() == "wal")
        #expect(try database.pageSize() == 8192)
    }

    /// A file made with another page size keeps it, and opens and migrates as any other.
    @Test func anExistingFileKeepsItsPageSize() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fabrique-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 4096") }
        try DatabaseQueue(path: path, configuration: configuration).write { db in try db.execute(sql: "CREATE TABLE older (id INTEGER PRIMARY KEY)") }
        let database = try AppDatabase.open(path: path)
        #expect(try database.pageSize() == 4096)
        #expect(try database.journalMode() == "wal")
        #expect(try database.appliedMigrations().contains("v5-web"))
    }
}

extension SeedLoadTests {
    @Test func codingsUnderAChangedDefinitionAreFlagged() throws {
        let database = try AppDatabase.inMemory()
        let bundle = try Self.bundle()
        _ = try database.loadSeeds(bundle)
        let codebook = try #require(bundle.codebook)
        let slug = bundle.experiences[0].slug
        _ = try database.saveCodings(
            [
                Coding(experience: slug, criterion: "coordination", coder: "ana", codebookId: codebook.id, codebookVersion: 1, level: 2),
                Coding(experience: slug, criterion: "plus_value", coder: "ana", codebookId: codebook.id, codebookVersion: 1, level: 1)
            ], actor: "ana", at: "2026-06-15T10:00:00Z")
        #expect(try database.codingsUnderChangedDefinitions().isEmpty)
        // Version 2 rewrites the anchors of "coordination" only.
        var next = codebook
        next.version = 2
        let index = try #require(next.criteria.firstIndex { $0.code == "coordination" })
        next.criteria[index].anchors[2] = "Une coordination formalisée, reconnue et financée."
        var v2 = bundle
        v2.codebook = next
        v2.codebookSource = bundle.codebookSource + "\n# version 2"
        _ = try database.loadSeeds(v2)
        #expect(try database.codingsUnderChangedDefinitions() == ["\(slug)|coordination|ana|0"])
    }
}

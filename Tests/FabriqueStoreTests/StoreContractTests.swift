import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// The store's contract, run on every engine (`Engine.available`): the same calls give the same
/// answers on SQLite and on PostgreSQL.
struct StoreContractTests {
    // MARK: Accounts and sessions

    @Test(arguments: Engine.available) func accountsAreAddedOnceAndListedWithTheirScope(engine: Engine) async throws {
        try await engine.withEmptyStore { store in
            try store.addUser(name: "camille", role: .staff, passwordHash: "hash-1", at: "2026-12-01T10:00:00Z")
            try store.addUser(name: "alex", role: .admin, passwordHash: "hash-2", at: "2026-12-01T10:00:00Z")
            #expect(throws: StoreError.userExists("camille")) {
                try store.addUser(name: "camille", role: .researcher, passwordHash: "x", at: "2026-12-01T10:00:00Z")
            }
            #expect(try store.setScope(name: "camille", AccountScope(regions: ["84", "44"], surveys: ["coordination"])))
            #expect(try !store.setScope(name: "nobody", AccountScope()))
            let users = try store.users()
            #expect(users.map(\.name) == ["alex", "camille"])
            #expect(users[1].scope == AccountScope(regions: ["44", "84"], surveys: ["coordination"]))
            let (user, hash) = try #require(try store.user(named: "camille"))
            #expect(hash == "hash-1" && user.role == .staff && !user.disabled)
            #expect(try store.user(named: "Camille") == nil)
        }
    }

    @Test(arguments: Engine.available) func sessionsFollowTheirAccount(engine: Engine) async throws {
        try await engine.withEmptyStore { store in
            try store.addUser(name: "camille", role: .staff, passwordHash: "h", at: "2026-12-01T10:00:00Z")
            let id = try #require(try store.user(named: "camille")).user.id
            for (token, created) in [("t1", "2026-12-01T10:00:00Z"), ("t2", "2026-12-01T11:00:00Z"), ("t3", "2026-12-01T12:00:00Z")] {
                try store.createSession(
                    tokenSHA256: token, userId: id, csrfToken: "csrf-\(token)", expiresAt: "2026-12-02T00:00:00Z", now: created,
                    client: "127.0.0.1", userAgent: String(repeating: "a", count: 400))
            }
            let now = "2026-12-01T13:00:00Z"
            let session = try #require(try store.session(tokenSHA256: "t2", now: now))
            #expect(session.user.name == "camille" && session.csrfToken == "csrf-t2")
            #expect(try store.session(tokenSHA256: "t2", now: "2026-12-02T00:00:00Z") == nil)
            let listed = try store.sessions(userId: id, now: now, current: "t2")
            #expect(listed.map(\.isCurrent) == [false, true, false])
            #expect(listed.map(\.createdAt) == ["2026-12-01T12:00:00Z", "2026-12-01T11:00:00Z", "2026-12-01T10:00:00Z"])
            #expect(listed.allSatisfy { $0.userAgent.count == 300 && $0.client == "127.0.0.1" })
            #expect(try store.deleteSession(id: listed[0].id, userId: id))
            #expect(try !store.deleteSession(id: listed[0].id, userId: id))
            #expect(try !store.deleteSession(id: listed[1].id, userId: id + 1))
            #expect(try store.deleteOtherSessions(userId: id, keeping: "t2") == 1)
            #expect(try store.sessions(userId: id, now: now, current: "t2").count == 1)

            // Disabling ends the sessions and refuses new ones; a new password ends them too.
            #expect(try store.setDisabled(name: "camille", at: "2026-12-01T14:00:00Z"))
            #expect(try store.session(tokenSHA256: "t2", now: now) == nil)
            #expect(try #require(try store.user(named: "camille")).user.disabled)
            #expect(try store.setDisabled(name: "camille", at: nil))
            try store.createSession(
                tokenSHA256: "t4", userId: id, csrfToken: "c", expiresAt: "2026-12-02T00:00:00Z", now: now, client: "", userAgent: "")
            #expect(try store.setPassword(name: "camille", passwordHash: "h2", role: .admin))
            #expect(try store.session(tokenSHA256: "t4", now: now) == nil)
            #expect(try #require(try store.user(named: "camille")).user.role == .admin)
            #expect(try store.setRole(name: "camille", role: .researcher))
            #expect(try !store.setPassword(name: "nobody", passwordHash: "h", role: nil))
            #expect(try store.deleteUser(name: "camille"))
            #expect(try store.users().isEmpty)
        }
    }

    @Test(arguments: Engine.available) func theFormSecretIsMadeByTheMigration(engine: Engine) async throws {
        try await engine.withEmptyStore { store in
            let secret = try store.secret(named: "form-tokens")
            #expect(secret.count == 64 && secret.allSatisfy(\.isHexDigit))
            #expect(throws: StoreError.self) { try store.secret(named: "none") }
        }
    }

    // MARK: Referential and experiences

    @Test(arguments: Engine.available) func seedsLoadOnceAndReadBackAlike(engine: Engine) async throws {
        let bundle = try SeedLoadTests.bundle()
        let reference = try AppDatabase.inMemory()
        let expected = try reference.loadSeeds(bundle)
        try await engine.withEmptyStore { store in
            #expect(try store.loadSeeds(bundle) == expected)
            let second = try store.loadSeeds(bundle)
            #expect(!second.changed && second.experiences.unchanged == bundle.experiences.count)
            #expect(try store.referential() == (try reference.referential()))
            #expect(try store.experiences() == (try reference.experiences()))
            #expect(try store.surveyIds() == ["coordination"])
            #expect(try store.surveySource(id: "coordination", version: nil).source == bundle.surveys[0].source)
            #expect(try store.currentSurveyVersion(id: "unknown") == nil)
            #expect(throws: StoreError.unknownSurvey("unknown")) { try store.surveySource(id: "unknown", version: nil) }
            #expect(try store.seedCounts().map(\.count) == (try reference.seedCounts().map(\.count)))

            var changed = bundle
            changed.referential.regions[0].population += 1
            changed.experiences[0].title += " (révisé)"
            let update = try store.loadSeeds(changed)
            #expect(update.regions.updated == 1 && update.regions.unchanged == 17)
            #expect(update.experiences.updated == 1)
            let revised = try store.experiences().first { $0.slug == changed.experiences[0].slug }
            #expect(revised?.title == changed.experiences[0].title)

            var edited = bundle.surveys[0]
            edited.source += "\n# edited\n"
            var conflicting = bundle
            conflicting.surveys = [edited]
            #expect(throws: StoreError.surveyVersionChanged(survey: "coordination", version: edited.survey.version)) {
                try store.loadSeeds(conflicting)
            }
        }
    }

    @Test(arguments: Engine.available) func searchFindsTheSameFichesOnBothEngines(engine: Engine) async throws {
        let bundle = try SeedLoadTests.bundle()
        let reference = try AppDatabase.inMemory()
        _ = try reference.loadSeeds(bundle)
        try await engine.withEmptyStore { store in
            _ = try store.loadSeeds(bundle)
            let queries = ["sante mentale", "Santé MENTALE", "chlordecone", "isolement", "logement insalubre", "CLSM", "jeunes", "zzzz", ""]
            for query in queries {
                let found = Set(try store.searchExperiences(query, region: nil, theme: nil, approach: nil, year: nil).map(\.slug))
                let expected = Set(try reference.searchExperiences(query).map(\.slug))
                #expect(found == expected, "\(query)")
            }
            #expect(
                try store.searchExperiences("chlordécone", region: nil, theme: nil, approach: nil, year: nil).map(\.slug) == [
                    "capesterre-jardins-familiaux-chlordecone"
                ])
            let filtered = try store.searchExperiences("", region: "44", theme: nil, approach: "clsm", year: nil)
            #expect(Set(filtered.map(\.slug)) == Set(try reference.searchExperiences("", region: "44", approach: "clsm").map(\.slug)))
            #expect(filtered.allSatisfy { $0.region == "44" && $0.approaches.contains("clsm") })
            #expect(try store.searchExperiences("sante", region: "44", theme: nil, approach: nil, year: 1990).isEmpty)
            let hit = try #require(try store.searchExperiences("isolement", region: nil, theme: nil, approach: nil, year: nil).first)
            #expect(hit.snippet.contains("«") && hit.snippet.contains("»"))
            for query in ["\"santé", "santé OR", "NEAR(", "a:b", "*", "(", "-santé", "sante & !mentale", "'; DROP TABLE experience; --"] {
                _ = try store.searchExperiences(query, region: nil, theme: nil, approach: nil, year: nil)
            }
            #expect(try store.experiences().count == bundle.experiences.count)
        }
    }
}

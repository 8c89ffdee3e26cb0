import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// The web form's submissions on both engines: a link stores one response, whichever store (server) takes it.
struct SubmissionStoreContractTests {
    static let survey = ResponseStoreContractTests.survey
    static let fieldNames = ResponseStoreContractTests.fieldNames

    /// Seeds, `count` contacts and their personal invitations (token `t<i>`); returns the invitation ids.
    static func invited(_ store: any FabriqueStore, count: Int) throws -> [Int64] {
        _ = try store.loadSeeds(try SeedLoadTests.bundle())
        let contacts = (0..<count).map { Contact(email: "c\($0)@example.fr", name: "C \($0)", regionCode: "44", approaches: ["cls"]) }
        _ = try store.saveContacts(contacts)
        try store.saveInvitations(
            surveyId: survey.id, (0..<count).map { NewInvitation(contactEmail: "c\($0)@example.fr", tokenSHA256: "t\($0)") },
            at: "2026-12-01T08:00:00Z")
        return try (0..<count).map { try #require(try store.invitation(tokenSHA256: "t\($0)")).id }
    }

    static func submission(_ id: Int64, _ index: Int, _ values: [String?], server: String = "") -> Submission {
        Submission(
            invitationId: id, values: values, responseId: "W\(index)\(server)", receiptSHA256: "r\(index)\(server)", at: "2026-12-02T09:00:00Z")
    }

    @Test(arguments: Engine.available) func aLinkStoresOneResponse(engine: Engine) async throws {
        let answers = try ResponseStoreContractTests.responses(count: 3, seed: 21)
        let reference = try AppDatabase.inMemory()
        let referenceIds = try Self.invited(reference, count: 3)
        let batch = [
            Self.submission(referenceIds[0], 0, answers[0].values), Self.submission(referenceIds[1], 1, answers[1].values),
            Self.submission(referenceIds[0], 2, answers[2].values)
        ]
        let expected = try await reference.submitResponses(survey: Self.survey, fieldNames: Self.fieldNames, batch).map { try $0.get() }
        #expect(expected == [true, true, false])
        try await engine.withEmptyStore { store in
            let ids = try Self.invited(store, count: 3)
            #expect(ids == referenceIds)
            let results = try await store.submitResponses(survey: Self.survey, fieldNames: Self.fieldNames, batch).map { try $0.get() }
            #expect(results == expected)
            #expect(try ResponseStoreContractTests.stored(store) == (try ResponseStoreContractTests.stored(reference)))
            let receipt = try #require(try store.receipt(receiptSHA256: "r1"))
            #expect(receipt.surveyId == Self.survey.id && receipt.submittedAt == "2026-12-02T09:00:00Z")
            #expect(try store.invitation(tokenSHA256: "t0")?.submittedAt != nil)
            #expect(try store.invitation(tokenSHA256: "t2")?.submittedAt == nil)
        }
    }

    /// Two servers on one PostgreSQL database, each with its own store, submit for the same links
    /// at the same time: every link stores exactly one response, and the other server is refused.
    @Test(.enabled(if: Engine.available.contains(.postgres))) func twoServersRaceForTheSameLinks() async throws {
        let answers = try ResponseStoreContractTests.responses(count: 40, seed: 22)
        try await TestPostgres.withEmptyDatabase { location in
            let first = try PostgresStore.open(location)
            let second = try PostgresStore.open(location)
            defer {
                first.close()
                second.close()
            }
            let ids = try Self.invited(first, count: 40)
            let outcomes = try await withThrowingTaskGroup(of: [Bool].self) { group in
                for (server, store) in [("a", first), ("b", second)] {
                    group.addTask {
                        var stored: [Bool] = []
                        for (index, id) in ids.enumerated() {
                            let submission = Self.submission(id, index, answers[index].values, server: server)
                            stored += try await store.submitResponses(survey: Self.survey, fieldNames: Self.fieldNames, [submission]).map {
                                try $0.get()
                            }
                        }
                        return stored
                    }
                }
                return try await group.reduce(into: [[Bool]]()) { $0.append($1) }
            }
            for index in ids.indices { #expect(outcomes[0][index] != outcomes[1][index], "link \(index)") }
            let stored = try ResponseStoreContractTests.stored(second)
            #expect(stored.count == 40)
            #expect(Set(stored.map { String($0.responseId.dropFirst()) }).count == 40)
        }
    }
}

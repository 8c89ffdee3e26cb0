import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// The RGPD operations on both engines: the same calls on `PrivacyScenario` give the same reports,
/// counts, errors, erasure log and remaining rows as on SQLite (`AppDatabase.inMemory()`).
struct PrivacyStoreContractTests {
    static let at = "2026-06-01T08:00:00Z"

    /// The scenario on SQLite, the reference.
    static func reference() async throws -> AppDatabase {
        let reference = try AppDatabase.inMemory()
        try await PrivacyScenario.build(on: reference)
        return reference
    }

    @Test(arguments: Engine.available) func erasingContactsRemovesWhatSQLiteRemoves(engine: Engine) async throws {
        let reference = try await Self.reference()
        let before = try PrivacyScenario.state(reference)
        let calls: [(email: String, reason: String)] = [
            ("alice.martin@EXAMPLE.fr", "demande reçue le 2026-05-30"), ("bruno@example.fr", "opposition")
        ]
        let expectedDryRuns = try calls.map {
            try reference.eraseContact(email: $0.email, reason: $0.reason, actor: "dpo", at: Self.at, dryRun: true)
        }
        #expect(try PrivacyScenario.state(reference) == before)
        let expected = try calls.map { try reference.eraseContact(email: $0.email, reason: $0.reason, actor: "dpo", at: Self.at, dryRun: false) }
        #expect(expected == expectedDryRuns)
        // Alice's two invitations in survey order, each with its response and that response's edit; Bruno's draft.
        #expect(
            expected[0].items.map { "\($0.kind.rawValue) \($0.surveyId ?? "-")" } == [
                "contact -", "invitation coordination", "response coordination", "audit_entry coordination", "invitation essai",
                "response essai", "audit_entry essai"
            ])
        #expect(expected[0].items[0].detail == "Alice.Martin@Example.fr (\(PrivacyFixture.aliceName))")
        #expect(expected[1].items.map(\.kind) == [.contact, .invitation, .draft])
        let erased = try PrivacyScenario.state(reference)

        try await engine.withEmptyStore { store in
            try await PrivacyScenario.build(on: store)
            #expect(try PrivacyScenario.state(store) == before)
            for (call, report) in zip(calls, expectedDryRuns) {
                #expect(try store.eraseContact(email: call.email, reason: call.reason, actor: "dpo", at: Self.at, dryRun: true) == report)
            }
            #expect(try PrivacyScenario.state(store) == before, "a dry run changes nothing")
            for (call, report) in zip(calls, expected) {
                #expect(try store.eraseContact(email: call.email, reason: call.reason, actor: "dpo", at: Self.at, dryRun: false) == report)
            }
            #expect(try PrivacyScenario.state(store) == erased)
            #expect(try store.erasureLog() == (try reference.erasureLog()))
            #expect(try store.erasureLog().map(\.counts) == expected.map(\.counts))
            #expect(try store.contacts(region: nil).map(\.email) == ["chloe@example.fr", "emma@example.fr", "david@example.fr"])
            #expect(try store.response(surveyId: "essai", responseId: "web-alice-essai") == nil)
            #expect(try store.responseEdits(surveyId: "essai", responseId: "web-alice-essai").map(\.after) == [[:]])
            #expect(try store.invitation(tokenSHA256: PrivacyScenario.token("essai", PrivacyScenario.alice)) == nil)
            #expect(throws: PrivacyError.unknownContact(email: "ALICE.martin@example.fr")) {
                try store.eraseContact(email: "ALICE.martin@example.fr", reason: "encore", actor: "dpo", at: Self.at, dryRun: false)
            }
            #expect(throws: PrivacyError.unknownContact(email: PrivacyScenario.alice)) {
                try store.subjectExport(email: PrivacyScenario.alice, at: Self.at)
            }
        }
    }

    @Test(arguments: Engine.available) func erasingResponsesKeepsTheirInvitationsUsedAsOnSQLite(engine: Engine) async throws {
        let reference = try await Self.reference()
        // A response sent through a link (without edits), then an imported one with an edit and no invitation.
        let calls = [("essai", "web-david"), ("coordination", "R00001")]
        let expectedDryRuns = try calls.map {
            try reference.eraseResponse(surveyId: $0.0, responseId: $0.1, reason: "opposition", actor: "admin", at: Self.at, dryRun: true)
        }
        let expected = try calls.map {
            try reference.eraseResponse(surveyId: $0.0, responseId: $0.1, reason: "opposition", actor: "admin", at: Self.at, dryRun: false)
        }
        #expect(expected == expectedDryRuns)
        #expect(expected.map { $0.items.map(\.kind) } == [[.response, .unlinkedInvitation], [.response, .auditEntry]])
        let erased = try PrivacyScenario.state(reference)

        try await engine.withEmptyStore { store in
            try await PrivacyScenario.build(on: store)
            let before = try PrivacyScenario.state(store)
            for ((survey, id), report) in zip(calls, expectedDryRuns) {
                #expect(
                    try store.eraseResponse(surveyId: survey, responseId: id, reason: "opposition", actor: "admin", at: Self.at, dryRun: true)
                        == report)
            }
            #expect(try PrivacyScenario.state(store) == before, "a dry run changes nothing")
            for ((survey, id), report) in zip(calls, expected) {
                #expect(
                    try store.eraseResponse(surveyId: survey, responseId: id, reason: "opposition", actor: "admin", at: Self.at, dryRun: false)
                        == report)
            }
            #expect(try PrivacyScenario.state(store) == erased)
            #expect(try store.erasureLog() == (try reference.erasureLog()))
            // David's link stays used: he is not offered a new one.
            #expect(try store.invitation(tokenSHA256: PrivacyScenario.token("essai", "david@example.fr"))?.submittedAt == "2026-01-14T08:00:00Z")
            let toInvite = try store.contactsToInvite(surveyId: "essai", region: nil, reissue: true)
            #expect(toInvite == (try reference.contactsToInvite(surveyId: "essai", region: nil, reissue: true)))
            #expect(toInvite.map(\.email) == ["chloe@example.fr", "bruno@example.fr", "emma@example.fr"])
            #expect(try store.responseFingerprint(surveyId: "coordination").count == 5)
            for (survey, id) in calls + [("absent", "web-david")] {
                #expect(throws: PrivacyError.unknownResponse(survey: survey, responseId: id)) {
                    try store.eraseResponse(surveyId: survey, responseId: id, reason: "encore", actor: "admin", at: Self.at, dryRun: false)
                }
            }
        }
    }

    @Test(arguments: Engine.available) func refusalsChangeNothingAsOnSQLite(engine: Engine) async throws {
        try await engine.withEmptyStore { store in
            try await PrivacyScenario.build(on: store)
            let before = try PrivacyScenario.state(store)
            for reason in ["", "  \n\t"] {
                #expect(throws: PrivacyError.missingReason) {
                    try store.eraseContact(email: "bruno@example.fr", reason: reason, actor: "dpo", at: Self.at, dryRun: false)
                }
                #expect(throws: PrivacyError.missingReason) {
                    try store.eraseResponse(surveyId: "essai", responseId: "web-david", reason: reason, actor: "dpo", at: Self.at, dryRun: true)
                }
            }
            #expect(throws: PrivacyError.unknownContact(email: "personne@example.fr")) {
                try store.eraseContact(email: "personne@example.fr", reason: "x", actor: "dpo", at: Self.at, dryRun: false)
            }
            #expect(throws: PrivacyError.unknownContact(email: "personne@example.fr")) {
                try store.subjectExport(email: "personne@example.fr", at: Self.at)
            }
            #expect(throws: PrivacyError.unknownResponse(survey: "essai", responseId: "web-nobody")) {
                try store.eraseResponse(surveyId: "essai", responseId: "web-nobody", reason: "x", actor: "dpo", at: Self.at, dryRun: false)
            }
            #expect(try PrivacyScenario.state(store) == before)
            #expect(try store.erasureLog().isEmpty)
        }
    }
}

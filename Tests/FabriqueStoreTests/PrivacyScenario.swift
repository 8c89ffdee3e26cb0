import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// Personal data in every state the RGPD operations tell apart, built by the same calls on each
/// store, so that PostgreSQL's answers can be compared with SQLite's (`AppDatabase.inMemory()`).
///
/// Two surveys: `essai` (PrivacyFixture's) and `coordination` (the seeds), five contacts.
/// - Alice, stored as `Alice.Martin@Example.fr`, answered both surveys (her essai draft went with
///   the submission); each of her responses has one staff edit. Her two invitations were created
///   at the same second, so which one is her "latest" is decided by the tie-break.
/// - Bruno has an unsent essai draft; Chloé (no region) an unsent coordination draft on page 2.
/// - David answered essai, without edits; Emma was never invited.
/// Five responses were imported into coordination (no invitation), one of them edited.
enum PrivacyScenario {
    static let essai = try! Fixtures.survey(PrivacyFixture.yaml)
    static let coordination = ResponseStoreContractTests.survey
    static let alice = "Alice.Martin@Example.fr"
    static let invitedAt = "2026-01-10T08:00:00Z"

    static let contacts = [
        Contact(
            email: alice, name: PrivacyFixture.aliceName, organisation: "Ville de Strasbourg", role: "coordinatrice", regionCode: "44",
            departementCode: "67", approaches: ["cls", "clsm"]),
        Contact(email: "bruno@example.fr", name: "Bruno Petit", regionCode: "11", approaches: ["asv"]),
        Contact(email: "chloe@example.fr", name: "Chloé Sans", approaches: ["clsm"]),
        Contact(email: "david@example.fr", name: "David Roux", regionCode: "84", departementCode: "69"),
        Contact(email: "emma@example.fr", name: "Emma Jamais", regionCode: "11", approaches: ["cls"])
    ]

    /// The retention periods the purges apply: coordination has no period for invitations, so
    /// Chloé's stays live until the survey is closed.
    static let policies = [
        "essai": RetentionPolicy(
            drafts: .init(amount: 90, unit: .days), invitations: .init(amount: 6, unit: .months), contacts: .init(amount: 2, unit: .years),
            auditDetails: .init(amount: 1, unit: .years)),
        "coordination": RetentionPolicy(
            drafts: .init(amount: 30, unit: .days), contacts: .init(amount: 1, unit: .years), auditDetails: .init(amount: 6, unit: .months))
    ]

    /// The token hash of a contact's link to a survey.
    static func token(_ survey: String, _ email: String) -> String { "\(survey)-\(email.lowercased())" }

    /// Builds the scenario on an empty store.
    static func build(on store: any FabriqueStore) async throws {
        var bundle = try SeedLoadTests.bundle()
        bundle.surveys.append(.init(survey: essai, source: PrivacyFixture.yaml))
        _ = try store.loadSeeds(bundle)
        _ = try store.saveContacts(contacts)
        for (survey, emails) in [("essai", [alice, "bruno@example.fr", "david@example.fr"]), ("coordination", [alice, "chloe@example.fr"])] {
            try store.saveInvitations(
                surveyId: survey, emails.map { NewInvitation(contactEmail: $0, tokenSHA256: token(survey, $0)) }, at: invitedAt)
        }
        func id(_ survey: String, _ email: String) throws -> Int64 { try #require(try store.invitation(tokenSHA256: token(survey, email))).id }

        let aliceEssai = try id("essai", alice)
        #expect(try store.saveDraft(invitationId: aliceEssai, draft: ["actions": PrivacyFixture.secret], page: 0, at: "2026-01-11T08:00:00Z"))
        try await submit(store, essai, aliceEssai, ["44", PrivacyFixture.secret, "12"], "web-alice-essai", at: "2026-01-12T08:00:00Z")
        try store.editResponse(
            survey: essai, responseId: "web-alice-essai", fieldNames: essai.fields.map(\.name),
            values: ["44", PrivacyFixture.secret + " (corrigé)", "13"], actor: "equipe", at: "2026-01-20T08:00:00Z")
        let generated = try ResponseStoreContractTests.responses(count: 7, seed: 31)
        try await submit(store, coordination, try id("coordination", alice), generated[5].values, "web-alice-coord", at: "2026-01-13T08:00:00Z")
        try store.editResponse(
            survey: coordination, responseId: "web-alice-coord", fieldNames: coordination.fields.map(\.name), values: generated[6].values,
            actor: "equipe", at: "2026-02-01T08:00:00Z")
        #expect(
            try store.saveDraft(
                invitationId: try id("essai", "bruno@example.fr"), draft: ["actions": PrivacyFixture.draftSecret], page: 0,
                at: "2026-01-15T08:00:00Z"))
        #expect(
            try store.saveDraft(
                invitationId: try id("coordination", "chloe@example.fr"), draft: ["actions": "brouillon de Chloé"], page: 2,
                at: "2026-03-01T08:00:00Z"))
        try await submit(store, essai, try id("essai", "david@example.fr"), ["11", "Rien à signaler", "3"], "web-david", at: "2026-01-14T08:00:00Z")

        _ = try ResponseStoreContractTests.write(store, Array(generated[0..<5]))
        try store.editResponse(
            survey: coordination, responseId: generated[1].id, fieldNames: coordination.fields.map(\.name), values: generated[6].values,
            actor: "analyste", at: "2026-01-25T08:00:00Z")
    }

    private static func submit(_ store: any FabriqueStore, _ survey: Survey, _ invitation: Int64, _ values: [String?], _ id: String, at: String)
        async throws
    {
        let results = try await store.submitResponses(
            survey: survey, fieldNames: survey.fields.map(\.name),
            [Submission(invitationId: invitation, values: values, responseId: id, receiptSHA256: "receipt-\(id)", at: at)])
        #expect(try results.map { try $0.get() } == [true], "\(id) is stored")
    }
}

extension PrivacyScenario {
    /// Everything the RGPD operations change, read through the other concerns and plain SQL.
    /// A purge dates what it writes at the real time of the purge: those times read `purge`, so
    /// that the engines compare (two purges may fall in the same second, so they are not told
    /// apart; the tests compare the state after each purge instead).
    struct State: Equatable, CustomTestStringConvertible {
        var contacts: [Contact]
        var invitations: [[String?]]
        var edits: [[String?]]
        var responses: [StoredResponse]
        var log: [String]
        var rates: [InvitationCounts]

        var testDescription: String { lines.joined(separator: "\n") }

        /// One line per contact, invitation, edit, response, log entry and rate.
        var lines: [String] {
            contacts.map { "\($0)" } + invitations.map(Self.line) + edits.map(Self.line) + responses.map { "\($0)" } + log
                + rates.map { "\($0)" }
        }

        /// The lines of `self` missing from `other` (-) and those of `other` missing here (+), for a failure's message.
        func difference(from other: State) -> String {
            let mine = Set(lines)
            let theirs = Set(other.lines)
            return (lines.filter { !theirs.contains($0) }.map { "- " + $0 } + other.lines.filter { !mine.contains($0) }.map { "+ " + $0 })
                .joined(separator: "\n")
        }

        /// One row's cells, for a failure's message.
        static func line(_ cells: [String?]) -> String { cells.map { $0 ?? "∅" }.joined(separator: " | ") }
    }

    /// The state of `store`; the purges' times are checked to lie between `since` and now.
    static func state(_ store: any FabriqueStore, since: Date = .distantPast) throws -> State {
        let log = try store.erasureLog()
        var names: [String: String] = [:]
        for entry in log where entry.kind == "retention" {
            names[entry.at] = "purge"
            let time = try Date(entry.at, strategy: .iso8601)
            #expect(time >= since.addingTimeInterval(-1) && time <= Date().addingTimeInterval(1), "a purge is dated when it runs")
        }
        func named(_ rows: [[String?]]) -> [[String?]] { rows.map { $0.map { $0.map { names[$0] ?? $0 } } } }
        var responses: [StoredResponse] = []
        for survey in ["coordination", "essai"] { try store.forEachResponse(surveyId: survey) { responses.append($0) } }
        return State(
            contacts: try store.contacts(region: nil), invitations: named(try StoreSQL.invitations(store)),
            edits: named(
                try StoreSQL.rows(
                    store, "SELECT survey_id, response_id, actor, at, before_json, after_json, details_erased_at FROM response_edit ORDER BY id")),
            responses: responses,
            log: log.map { entry in
                let counts = entry.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                return "\(names[entry.at] ?? entry.at) \(entry.actor) \(entry.kind) \(entry.surveyId ?? "-") \(entry.reason): \(counts)"
            },
            rates: try store.invitationCountsByRegion(surveyId: "essai", regions: nil)
                + store.invitationCountsByRegion(surveyId: "coordination", regions: nil))
    }
}

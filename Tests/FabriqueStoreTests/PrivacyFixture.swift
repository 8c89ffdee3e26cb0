import FabriqueCore
import FabriqueTestSupport
import Foundation
import GRDB

@testable import FabriqueStore

/// A small survey with two invited contacts in two regions: Alice (Grand Est) answered, with a
/// distinctive text and one staff edit; Bruno (Île-de-France) has an unsent draft.
struct PrivacyFixture {
    static let yaml = """
        id: essai
        version: "1"
        title: Essai
        retention:
          drafts: 90 days
          invitations: 6 months
          contacts: 2 years
          audit_details: 1 year
        choices:
          - list_name: regions
            items: [{value: "11", label: Île-de-France}, {value: "44", label: Grand Est}]
        sections:
          - name: s
            title: S
            questions:
              - {name: region, type: select_one, label: Région, choices: regions}
              - {name: actions, type: text, label: Actions}
              - {name: partenaires, type: integer, label: Partenaires}
        """
    static let aliceEmail = "alice.martin@example.fr"
    static let aliceName = "Alice Zéphyrine Martin"
    static let secret = "Atelier Quokka-Zanzibar 7731"
    static let draftSecret = "Brouillon Ornithorynque 4417"

    let database: AppDatabase
    let survey: Survey
    let aliceResponse = "web-alice-0001"

    /// Builds the fixture in memory, or in a file (WAL mode, as `fabrique` opens it) when `path` is given.
    init(path: String? = nil) async throws {
        survey = try Fixtures.survey(Self.yaml)
        database = try path.map { try AppDatabase.open(path: $0) } ?? AppDatabase.inMemory()
        _ = try database.loadSeeds(
            SeedBundle(
                referential: try Fixtures.referential(), codebook: nil,
                surveys: [.init(survey: survey, source: Self.yaml)], experiences: []))
        _ = try database.saveContacts([
            Contact(email: Self.aliceEmail, name: Self.aliceName, organisation: "Ville de Strasbourg", regionCode: "44", approaches: ["CLS"]),
            Contact(email: "bruno@example.fr", name: "Bruno Petit", regionCode: "11", approaches: ["ASV"])
        ])
        try database.saveInvitations(
            surveyId: "essai",
            [
                NewInvitation(contactEmail: Self.aliceEmail, tokenSHA256: "hash-alice"),
                NewInvitation(contactEmail: "bruno@example.fr", tokenSHA256: "hash-bruno")
            ],
            at: "2026-01-10T08:00:00Z")
        let alice = try require(try database.invitation(tokenSHA256: "hash-alice"))
        let bruno = try require(try database.invitation(tokenSHA256: "hash-bruno"))
        // Alice saves a draft twice (the old cell stays in free space without secure deletion), then sends.
        _ = try database.saveDraft(invitationId: alice.id, draft: ["actions": Self.secret], page: 0, at: "2026-01-11T08:00:00Z")
        _ = try database.saveDraft(invitationId: alice.id, draft: ["actions": Self.secret, "region": "44"], page: 0, at: "2026-01-11T09:00:00Z")
        let names = survey.fields.map(\.name)
        let stored = try await database.submitResponses(
            survey: survey, fieldNames: names,
            [
                Submission(
                    invitationId: alice.id, values: ["44", Self.secret, "12"], responseId: aliceResponse, receiptSHA256: "receipt-alice",
                    at: "2026-01-12T08:00:00Z")
            ])
        guard case .success(true) = stored.first else { throw PrivacyFixtureError.notStored }
        try database.editResponse(
            survey: survey, responseId: aliceResponse, fieldNames: names, values: ["44", Self.secret + " (corrigé)", "13"],
            actor: "equipe", at: "2026-01-20T08:00:00Z")
        _ = try database.saveDraft(invitationId: bruno.id, draft: ["actions": Self.draftSecret], page: 0, at: "2026-01-15T08:00:00Z")
    }

    /// Submits one response through an invitation: true when it is stored, false when refused.
    func submit(invitationId: Int64, values: [String?], responseId: String, receipt: String, at: String) async throws -> Bool {
        let results = try await database.submitResponses(
            survey: survey, fieldNames: survey.fields.map(\.name),
            [Submission(invitationId: invitationId, values: values, responseId: responseId, receiptSHA256: receipt, at: at)])
        guard case .success(let stored) = results.first else { throw PrivacyFixtureError.notStored }
        return stored
    }

    /// Every value stored in any column of any table (FTS shadow tables and indexes' tables
    /// included), as text, for "no trace" checks.
    func allText() throws -> String {
        try Self.allText(database.writer)
    }

    /// Every value of every table of a database, as text.
    static func allText(_ reader: any DatabaseReader) throws -> String {
        try reader.read { db in
            var text = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"")
                for row in rows {
                    for value in row.databaseValues {
                        switch value.storage {
                        case .string(let string): text += string + "\n"
                        case .blob(let data): text += String(decoding: data, as: UTF8.self) + "\n"
                        default: continue
                        }
                    }
                }
            }
            return text
        }
    }
}

enum PrivacyFixtureError: Error { case notStored }

/// `#require` outside a test function: throws instead of recording.
func require<T>(_ value: T?) throws -> T {
    guard let value else { throw PrivacyFixtureError.notStored }
    return value
}

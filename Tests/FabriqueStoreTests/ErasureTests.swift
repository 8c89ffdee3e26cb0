import FabriqueTestSupport
import Foundation
import GRDB
import Testing

@testable import FabriqueStore

/// The right to erasure: a contact and everything they answered go, in one transaction, leaving
/// no trace in the SQLite file; a dry run changes nothing; the erasure itself is logged without the data.
struct ErasureTests {
    @Test func erasingAContactWhoAnsweredLeavesNoTraceInAnyTableNorInTheFile() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("f.sqlite")
        let fixture = try await PrivacyFixture(path: path)
        let personal = [PrivacyFixture.aliceEmail, PrivacyFixture.aliceName, PrivacyFixture.secret, fixture.aliceResponse]
        let before = try fixture.allText()
        for text in personal { #expect(before.contains(text), "the fixture stores \(text)") }

        let report = try fixture.database.eraseContact(
            email: "ALICE.martin@example.fr", reason: "demande reçue le 2026-02-01", actor: "dpo",
            at: "2026-02-02T08:00:00Z")
        #expect(report.count(.contact) == 1 && report.count(.invitation) == 1 && report.count(.response) == 1 && report.count(.auditEntry) == 1)

        // Logically: no column of any table holds the data (the response id stays only as the
        // tombstoned edit's key, so it is left out of this list).
        let after = try fixture.allText()
        for text in personal.dropLast() { #expect(!after.contains(text), "\(text) is still stored") }
        // Physically: nor do the bytes of the file and its log (old cells, free pages).
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = FileManager.default.contents(atPath: path + "-wal") { bytes += wal }
        for text in personal.dropLast() {
            #expect(bytes.range(of: Data(text.utf8)) == nil, "\(text) is still in the file's bytes")
        }
        // Bruno is untouched, and the erasure is logged without the data.
        #expect(try fixture.database.contacts().map(\.email) == ["bruno@example.fr"])
        let log = try fixture.database.erasureLog()
        #expect(log.count == 1)
        #expect(log.first?.kind == "contact" && log.first?.actor == "dpo" && log.first?.reason == "demande reçue le 2026-02-01")
        #expect(log.first?.counts["response"] == 1)
    }

    @Test func aDryRunListsWhatWouldGoAndChangesNothing() async throws {
        let fixture = try await PrivacyFixture()
        let before = try fixture.allText()
        let report = try fixture.database.eraseContact(
            email: PrivacyFixture.aliceEmail, reason: "essai", actor: "dpo", at: "2026-02-02T08:00:00Z",
            dryRun: true)
        #expect(report.items.map(\.kind) == [.contact, .invitation, .response, .auditEntry])
        #expect(report.items.first?.detail.contains(PrivacyFixture.aliceEmail) == true)
        #expect(try fixture.allText() == before)
        #expect(try fixture.database.erasureLog().isEmpty)
    }

    @Test func erasingOneResponseTombstonesItsEditsAndKeepsTheInvitationUsed() async throws {
        let fixture = try await PrivacyFixture()
        let database = fixture.database
        let report = try database.eraseResponse(
            surveyId: "essai", responseId: fixture.aliceResponse, reason: "opposition", actor: "admin",
            at: "2026-02-02T08:00:00Z")
        #expect(report.count(.response) == 1 && report.count(.auditEntry) == 1 && report.count(.unlinkedInvitation) == 1)
        #expect(try database.response(surveyId: "essai", responseId: fixture.aliceResponse) == nil)
        #expect(try database.responseFingerprint(surveyId: "essai").count == 0)
        let edits = try database.responseEdits(surveyId: "essai", responseId: fixture.aliceResponse)
        #expect(edits.count == 1 && edits[0].before.isEmpty && edits[0].after.isEmpty && edits[0].actor == "equipe")
        #expect(!(try fixture.allText()).contains(PrivacyFixture.secret))
        // The contact stays, and is not offered a new invitation: the link stays used.
        #expect(try database.contactsToInvite(surveyId: "essai", region: nil, reissue: true).map(\.email) == ["bruno@example.fr"])
        #expect(try database.invitation(tokenSHA256: "hash-alice")?.submittedAt != nil)
        #expect(try database.erasureLog().map(\.kind) == ["response"])
    }

    @Test func unknownPeopleAndEmptyReasonsAreRefused() async throws {
        let fixture = try await PrivacyFixture()
        #expect(throws: PrivacyError.unknownContact(email: "nobody@example.fr")) {
            try fixture.database.eraseContact(email: "nobody@example.fr", reason: "x", actor: "a", at: "2026-02-02T08:00:00Z")
        }
        #expect(throws: PrivacyError.unknownResponse(survey: "essai", responseId: "absent")) {
            try fixture.database.eraseResponse(surveyId: "essai", responseId: "absent", reason: "x", actor: "a", at: "2026-02-02T08:00:00Z")
        }
        #expect(throws: PrivacyError.missingReason) {
            try fixture.database.eraseContact(email: PrivacyFixture.aliceEmail, reason: "  ", actor: "a", at: "2026-02-02T08:00:00Z")
        }
        #expect(try fixture.database.contacts().count == 2)
    }

    @Test func theSubjectExportHoldsTheContactsAnswersDraftsAndEdits() async throws {
        let fixture = try await PrivacyFixture()
        let alice = try fixture.database.subjectExport(email: PrivacyFixture.aliceEmail, at: "2026-02-01T08:00:00Z")
        #expect(alice.contact.name == PrivacyFixture.aliceName && alice.contact.region == "44" && alice.contact.approaches == ["CLS"])
        #expect(alice.invitations.map(\.survey) == ["essai"] && alice.invitations[0].submittedAt == "2026-01-12T08:00:00Z")
        #expect(alice.drafts.isEmpty)
        #expect(alice.responses.count == 1)
        #expect(alice.responses[0].values["actions"] == PrivacyFixture.secret + " (corrigé)")
        #expect(alice.responses[0].edits.first?.before["partenaires"] == "12")
        let bruno = try fixture.database.subjectExport(email: "bruno@example.fr", at: "2026-02-01T08:00:00Z")
        #expect(bruno.drafts.first?.answers["actions"] == PrivacyFixture.draftSecret && bruno.responses.isEmpty)
        // No token or receipt hash is exported.
        let json = String(decoding: try JSONEncoder().encode(alice), as: UTF8.self)
        #expect(!json.contains("hash-alice") && !json.contains("receipt-alice"))
    }
}

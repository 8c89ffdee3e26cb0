import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

@testable import FabriqueStore

/// Accounts, sessions, contacts, invitations and staff edits, straight on the store, in a database
/// file opened as `fabrique` opens it (WAL, `synchronous = FULL`, foreign keys): the web and CLI
/// tests reach these through their own layers, these tests pin the store's own contract.
struct AccountsAndInvitationsTests {
    @Test func accountsAreUniqueWhateverTheCaseAndTheirRoleScopeAndStateChange() throws {
        let dir = try TemporaryDirectory()
        let database = try AppDatabase.open(path: dir.path("f.sqlite"))
        #expect(try database.journalMode() == "wal")
        try database.addUser(name: "equipe", role: .staff, passwordHash: "hash-1", at: "2026-01-01T08:00:00Z")
        #expect(throws: StoreError.userExists("EQUIPE")) {
            try database.addUser(name: "EQUIPE", role: .admin, passwordHash: "hash-2", at: "2026-01-01T08:00:00Z")
        }
        #expect(try database.setRole(name: "equipe", role: .admin))
        #expect(try database.setScope(name: "equipe", AccountScope(regions: ["44", "11"], surveys: ["essai"])))
        let (user, hash) = try #require(try database.user(named: "equipe"))
        #expect(user.role == .admin && hash == "hash-1")
        #expect(user.scope == AccountScope(regions: ["11", "44"], surveys: ["essai"]))
        #expect(try database.setPassword(name: "equipe", passwordHash: "hash-3"))
        #expect(try database.user(named: "equipe")?.passwordHash == "hash-3")
        // Unknown accounts change nothing and say so.
        #expect(try !database.setRole(name: "personne", role: .staff))
        #expect(try !database.setScope(name: "personne", AccountScope()))
        #expect(try database.deleteUser(name: "equipe"))
        #expect(try !database.deleteUser(name: "equipe"))
        #expect(try database.users().isEmpty)
    }

    @Test func sessionsExpireEndWithTheirAccountAndCanBeEndedOneByOne() throws {
        let dir = try TemporaryDirectory()
        let database = try AppDatabase.open(path: dir.path("f.sqlite"))
        try database.addUser(name: "equipe", role: .staff, passwordHash: "hash", at: "2026-01-01T08:00:00Z")
        let id = try #require(try database.user(named: "equipe")).user.id
        for (token, expiry) in [("t1", "2026-01-01T20:00:00Z"), ("t2", "2026-01-01T20:00:00Z"), ("t3", "2026-01-01T09:00:00Z")] {
            try database.createSession(
                tokenSHA256: token, userId: id, csrfToken: "csrf-" + token, expiresAt: expiry, now: "2026-01-01T08:00:00Z",
                client: "192.0.2.1")
        }
        #expect(try database.session(tokenSHA256: "t1", now: "2026-01-01T10:00:00Z")?.csrfToken == "csrf-t1")
        // Past its expiry a session is gone, even before it is swept.
        #expect(try database.session(tokenSHA256: "t3", now: "2026-01-01T10:00:00Z") == nil)
        let listed = try database.sessions(userId: id, now: "2026-01-01T10:00:00Z", current: "t1")
        #expect(listed.count == 2 && listed.filter(\.isCurrent).count == 1)
        #expect(try database.deleteOtherSessions(userId: id, keeping: "t1") >= 1)
        #expect(try database.session(tokenSHA256: "t2", now: "2026-01-01T10:00:00Z") == nil)
        // A disabled account keeps no session; enabled again, it must log in anew.
        #expect(try database.setDisabled(name: "equipe", at: "2026-01-01T11:00:00Z"))
        #expect(try database.session(tokenSHA256: "t1", now: "2026-01-01T11:00:01Z") == nil)
        #expect(try database.setDisabled(name: "equipe", at: nil))
        #expect(try database.session(tokenSHA256: "t1", now: "2026-01-01T11:00:02Z") == nil)
    }

    @Test func contactsInvitationsDraftsSubmissionsAndEditsKeepTheirRules() async throws {
        let dir = try TemporaryDirectory()
        let fixture = try await PrivacyFixture(path: dir.path("f.sqlite"))
        let database = fixture.database
        #expect(try database.contacts(region: "44").map(\.email) == [PrivacyFixture.aliceEmail])
        // A known email is updated, not added.
        let saved = try database.saveContacts([Contact(email: "bruno@example.fr", name: "Bruno Petit-Durand", regionCode: "11", approaches: ["ASV"])])
        #expect(saved.inserted == 0 && saved.updated == 1)
        #expect(try database.contacts(region: "11").map(\.name) == ["Bruno Petit-Durand"])
        // Both are invited: nobody is left to invite; reissuing concerns the unused link only.
        #expect(try database.contactsToInvite(surveyId: "essai", region: nil, reissue: false).isEmpty)
        #expect(try database.contactsToInvite(surveyId: "essai", region: nil, reissue: true).map(\.email) == ["bruno@example.fr"])
        // Alice's link was used: a second submission through it is refused, and her draft is closed.
        let alice = try #require(try database.invitation(tokenSHA256: "hash-alice"))
        #expect(alice.submittedAt == "2026-01-12T08:00:00Z")
        let again = try await fixture.submit(
            invitationId: alice.id, values: ["44", "autre", "1"], responseId: "web-again", receipt: "r2", at: "2026-01-13T08:00:00Z")
        #expect(!again, "a used link stored a second response")
        #expect(try database.receipt(receiptSHA256: "receipt-alice")?.surveyId == "essai")
        #expect(try database.receipt(receiptSHA256: "r2") == nil)
        // Bruno's draft is kept as typed; the staff edit of Alice's response is logged with its values.
        #expect(try database.invitation(tokenSHA256: "hash-bruno")?.draft["actions"] == PrivacyFixture.draftSecret)
        let edits = try database.responseEdits(surveyId: "essai", responseId: fixture.aliceResponse)
        #expect(edits.map(\.actor) == ["equipe"])
        #expect(edits.first?.before["partenaires"] == "12" && edits.first?.after["partenaires"] == "13")
        #expect(try database.response(surveyId: "essai", responseId: fixture.aliceResponse)?.values["partenaires"] == "13")
    }
}

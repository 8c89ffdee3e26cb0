import FabriqueTestSupport
import Foundation
import Testing

@testable import FabriqueStore

/// Closing a survey stops drafts and submissions; `--unlink` severs people from responses but
/// keeps response rates by region and approach.
struct ClosingTests {
    @Test func aClosedSurveyRefusesDraftsAndSubmissionsUntilReopened() async throws {
        let fixture = try await PrivacyFixture()
        let database = fixture.database
        let bruno = try require(try database.invitation(tokenSHA256: "hash-bruno"))
        #expect(!bruno.surveyClosed)
        let report = try database.closeSurvey(id: "essai", at: "2026-03-01T08:00:00Z", unlink: false, actor: "admin")
        #expect(report.wasOpen && report.invitationsUnlinked == 0)
        #expect(try database.invitation(tokenSHA256: "hash-bruno")?.surveyClosed == true)
        #expect(try database.saveDraft(invitationId: bruno.id, draft: ["actions": "x"], page: 0, at: "2026-03-02T08:00:00Z") == false)
        let stored = try await fixture.submit(
            invitationId: bruno.id, values: ["11", "x", "1"], responseId: "web-bruno", receipt: "r-bruno", at: "2026-03-02T08:00:00Z")
        #expect(!stored, "a submission to a closed survey was stored")
        #expect(try database.surveyClosing(id: "essai")?.closedAt == "2026-03-01T08:00:00Z")
        #expect(try database.closeSurvey(id: "essai", at: "2026-03-05T08:00:00Z", unlink: false, actor: "admin").wasOpen == false)

        #expect(try database.reopenSurvey(id: "essai"))
        #expect(try database.reopenSurvey(id: "essai") == false)
        #expect(try database.saveDraft(invitationId: bruno.id, draft: ["actions": "x"], page: 0, at: "2026-03-02T08:00:00Z"))
        #expect(throws: StoreError.unknownSurvey("absente")) { try database.closeSurvey(id: "absente", at: "x", unlink: false, actor: "a") }
    }

    @Test func unlinkingSeversPeopleFromResponsesAndKeepsRatesByRegion() async throws {
        let fixture = try await PrivacyFixture()
        let database = fixture.database
        let regionsBefore = try database.invitationCountsByRegion(surveyId: "essai")
        let approachesBefore = try database.invitationCountsByApproach(surveyId: "essai")
        #expect(regionsBefore.map(\.key) == ["11", "44"] && regionsBefore.map(\.submitted) == [0, 1])

        let report = try database.closeSurvey(id: "essai", at: "2026-03-01T08:00:00Z", unlink: true, actor: "admin")
        #expect((report.invitationsUnlinked, report.responsesUnlinked, report.draftsDeleted) == (2, 1, 1))

        // Rates by region and approach are unchanged (drafts aside: they were deleted).
        var expected = regionsBefore
        for index in expected.indices { expected[index].drafts = 0 }
        #expect(try database.invitationCountsByRegion(surveyId: "essai") == expected)
        #expect(try database.invitationCountsByApproach(surveyId: "essai").map(\.invited) == approachesBefore.map(\.invited))
        // Nobody can be tied to the response any more: the contact's export has no response.
        let alice = try database.subjectExport(email: PrivacyFixture.aliceEmail, at: "x")
        #expect(alice.invitations.isEmpty && alice.responses.isEmpty)
        #expect(try database.responseFingerprint(surveyId: "essai").count == 1)
        #expect(!(try fixture.allText()).contains(PrivacyFixture.draftSecret))
        #expect(try database.surveyClosing(id: "essai")?.unlinkedAt == "2026-03-01T08:00:00Z")
        #expect(try database.erasureLog().map(\.kind) == ["unlink"])
        // Reopening opens the links again, without relinking anyone.
        #expect(try database.reopenSurvey(id: "essai"))
        #expect(try database.subjectExport(email: PrivacyFixture.aliceEmail, at: "x").invitations.isEmpty)
    }
}

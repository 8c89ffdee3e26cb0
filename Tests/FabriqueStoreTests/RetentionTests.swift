import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

@testable import FabriqueStore

/// Retention periods: `purge` removes exactly what is due at `now`, a dry run changes nothing.
struct RetentionTests {
    static func date(_ text: String) throws -> Date { try Date(text, strategy: .iso8601) }

    static func policies(_ fixture: PrivacyFixture) throws -> [String: RetentionPolicy] {
        ["essai": try require(fixture.survey.retention)]
    }

    @Test func nothingIsDueBeforeTheFirstPeriodEnds() async throws {
        let fixture = try await PrivacyFixture()
        let counts = try fixture.database.purge(policies: try Self.policies(fixture), now: try Self.date("2026-03-01T00:00:00Z"), actor: "cron")
        #expect(counts.allSatisfy { $0.count == 0 })
        #expect(try fixture.database.erasureLog().isEmpty)
    }

    @Test func eachKindGoesWhenItsOwnPeriodHasPassed() async throws {
        let fixture = try await PrivacyFixture()
        let database = fixture.database
        let policies = try Self.policies(fixture)
        // 2026-05-01: Bruno's draft (saved 2026-01-15) is 106 days old: past 90 days; his invitation (2026-01-10) is under 6 months.
        let may = try Self.date("2026-05-01T00:00:00Z")
        let due = try database.retentionDue(policies: policies, now: may)
        let dryRun = try database.purge(policies: policies, now: may, actor: "cron", dryRun: true)
        #expect(due == dryRun)
        #expect(try database.subjectExport(email: "bruno@example.fr", at: "x").drafts.count == 1)
        let purged = try database.purge(policies: policies, now: may, actor: "cron")
        #expect(purged == due)
        #expect(purged.first { $0.kind == .drafts }?.count == 1)
        #expect(purged.filter { $0.kind != .drafts }.allSatisfy { $0.count == 0 })
        #expect(try database.subjectExport(email: "bruno@example.fr", at: "x").drafts.isEmpty)
        #expect(try database.erasureLog().map(\.kind) == ["retention"])

        // 2026-08-01: Bruno's unused invitation is past 6 months: its link stops working (the row stays for the rates); Alice's stays.
        let august = try database.purge(policies: policies, now: try Self.date("2026-08-01T00:00:00Z"), actor: "cron")
        #expect(august.first { $0.kind == .invitations }?.count == 1)
        #expect(try database.invitation(tokenSHA256: "hash-bruno") == nil)
        #expect(try database.invitation(tokenSHA256: "hash-alice") != nil)
        #expect(try database.invitationCountsByRegion(surveyId: "essai").map(\.invited) == [1, 1])

        // 2027-02-01: the edit of 2026-01-20 is past 1 year: its details are tombstoned, the entry stays.
        let february = try database.purge(policies: policies, now: try Self.date("2027-02-01T00:00:00Z"), actor: "cron")
        #expect(february.first { $0.kind == .auditDetails }?.count == 1)
        let edit = try #require(try database.responseEdits(surveyId: "essai", responseId: fixture.aliceResponse).first)
        #expect(edit.before.isEmpty && edit.after.isEmpty && edit.actor == "equipe")
        #expect(try database.contacts().count == 2)
    }

    @Test func contactsGoTwoYearsAfterTheSurveysLastActivityAndRatesStay() async throws {
        let fixture = try await PrivacyFixture()
        let database = fixture.database
        let policies = try Self.policies(fixture)
        // Less than two years after the last activity (the edit of 2026-01-20), every contact stays.
        let early = try database.purge(policies: policies, now: try Self.date("2027-06-01T00:00:00Z"), actor: "cron")
        #expect(early.first { $0.kind == .contacts }?.count == 0)
        // Two years later both go: Alice answered, Bruno's unused invitation expired in the first purge.
        let late = try database.purge(policies: policies, now: try Self.date("2028-01-21T00:00:00Z"), actor: "cron")
        #expect(late.first { $0.kind == .contacts }?.count == 2)
        #expect(try database.contacts().isEmpty)
        // Alice's response stays, and each region's rate still counts its invitation.
        #expect(try database.responseFingerprint(surveyId: "essai").count == 1)
        let regions = try database.invitationCountsByRegion(surveyId: "essai")
        #expect(regions.map(\.key) == ["11", "44"] && regions.map(\.invited) == [1, 1] && regions.map(\.submitted) == [0, 1])
        #expect(!(try fixture.allText()).contains(PrivacyFixture.aliceEmail))
    }

    @Test func periodsReadFromTheSurveyFileAndTheirErrorsAreLocated() throws {
        #expect(RetentionPeriod(parsing: "90 days") == RetentionPeriod(amount: 90, unit: .days))
        #expect(RetentionPeriod(parsing: "1 year") == RetentionPeriod(amount: 1, unit: .years))
        #expect(
            RetentionPeriod(parsing: "0 days") == nil && RetentionPeriod(parsing: "deux ans") == nil && RetentionPeriod(parsing: "3 weeks") == nil)
        let march31 = try Self.date("2027-03-31T12:00:00Z")
        let february28 = try Self.date("2027-02-28T12:00:00Z")
        #expect(RetentionPeriod(amount: 1, unit: .months).cutoff(before: march31) == february28)
        let broken = PrivacyFixture.yaml.replacingOccurrences(of: "invitations: 6 months", with: "invitations: 6 semaines")
        let problems = SurveyLoader.problems(in: broken, file: "essai.yaml")
        #expect(
            problems.map(\.description) == [
                "essai.yaml:6:16: retention 'invitations': '6 semaines' is not a period; "
                    + "write a whole number and a unit, such as 90 days, 6 months or 2 years"
            ])
    }
}

import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// Retention and subject exports on both engines, against SQLite's answers to the same calls.
extension PrivacyStoreContractTests {
    /// The purges, in order, and the counts SQLite gives for each (those that are not zero).
    static let purges: [(now: String, closeCoordination: Bool, counts: [String])] = [
        ("2026-03-01T00:00:00Z", false, []),
        // Bruno's essai draft is past 90 days, Chloé's coordination draft past 30.
        ("2026-05-01T00:00:00Z", false, ["coordination drafts 1", "essai drafts 1"]),
        // Bruno's unused link is past 6 months; the coordination edit of 2026-01-25 is past 6 months, not that of 2026-02-01 08:00.
        ("2026-08-01T00:00:00Z", false, ["coordination audit_details 1", "essai invitations 1"]),
        ("2027-02-01T00:00:00Z", false, ["coordination audit_details 1", "essai audit_details 1"]),
        // Two years after essai's last activity (its edit of 2026-01-20): Bruno and David go; Alice
        // stays for coordination, closed on 2027-03-01, which keeps Chloé's link live until then.
        ("2028-02-01T00:00:00Z", true, ["essai contacts 2"]),
        // A year after coordination's closing, Alice and Chloé go: Alice under essai, whose link
        // was created at the same second as her coordination one, but first.
        ("2028-03-02T00:00:00Z", false, ["coordination contacts 1", "essai contacts 1"]),
        ("2030-01-01T00:00:00Z", false, [])
    ]

    @Test(arguments: Engine.available) func purgesRemoveWhatIsDueAsOnSQLite(engine: Engine) async throws {
        let start = Date()
        let reference = try await Self.reference()
        try await engine.withEmptyStore { store in
            try await PrivacyScenario.build(on: store)
            for step in Self.purges {
                if step.closeCoordination {
                    for database in [store, reference as any FabriqueStore] {
                        _ = try database.closeSurvey(id: "coordination", at: "2027-03-01T08:00:00Z", unlink: false, actor: "admin")
                    }
                }
                let now = try Date(step.now, strategy: .iso8601)
                let before = try PrivacyScenario.state(store, since: start)
                let expectedBefore = try PrivacyScenario.state(reference, since: start)
                #expect(before == expectedBefore, "\(step.now)\n\(before.difference(from: expectedBefore))")
                let expected = try reference.purge(policies: PrivacyScenario.policies, now: now, actor: "cron", dryRun: false)
                #expect(expected.filter { $0.count > 0 }.map { "\($0.surveyId) \($0.kind.rawValue) \($0.count)" } == step.counts, "\(step.now)")
                let due = try store.retentionDue(policies: PrivacyScenario.policies, now: now)
                #expect(due == expected, "\(step.now)")
                #expect(try store.purge(policies: PrivacyScenario.policies, now: now, actor: "cron", dryRun: true) == expected, "\(step.now)")
                #expect(try PrivacyScenario.state(store, since: start) == before, "\(step.now): a dry run changes nothing")
                #expect(try store.purge(policies: PrivacyScenario.policies, now: now, actor: "cron", dryRun: false) == expected, "\(step.now)")
                let after = try PrivacyScenario.state(store, since: start)
                let expectedAfter = try PrivacyScenario.state(reference, since: start)
                #expect(after == expectedAfter, "\(step.now)\n\(after.difference(from: expectedAfter))")
            }
            // One log line per purge that removed something, and only Emma, never invited, stays.
            #expect(try store.erasureLog().map(\.kind) == Array(repeating: "retention", count: 5))
            #expect(try store.contacts(region: nil).map(\.email) == ["emma@example.fr"])
            #expect(try store.responseFingerprint(surveyId: "coordination").count == 6)
        }
    }

    @Test(arguments: Engine.available) func subjectExportsHoldWhatSQLiteHolds(engine: Engine) async throws {
        let reference = try await Self.reference()
        let emails = ["alice.martin@example.FR"] + PrivacyScenario.contacts.dropFirst().map(\.email)
        let expected = try emails.map { try reference.subjectExport(email: $0, at: Self.at) }
        #expect(expected[0].contact.email == PrivacyScenario.alice && expected[0].contact.departement == "67")
        #expect(expected[0].invitations.map(\.survey) == ["coordination", "essai"] && expected[0].drafts.isEmpty)
        #expect(expected[0].responses.map { $0.edits.count } == [1, 1])
        #expect(expected[2].drafts.map(\.page) == [2] && expected[4].invitations.isEmpty)
        // A year after its edit, the essai response's edit shows when its details were erased.
        let february = try Date("2027-02-01T00:00:00Z", strategy: .iso8601)
        _ = try reference.purge(policies: PrivacyScenario.policies, now: february, actor: "cron", dryRun: false)
        let expectedAfter = try Self.timesErased(reference.subjectExport(email: PrivacyScenario.alice, at: Self.at))
        #expect(expectedAfter.responses.flatMap(\.edits).map(\.detailsErasedAt) == ["purge", "purge"])

        try await engine.withEmptyStore { store in
            try await PrivacyScenario.build(on: store)
            for (email, export) in zip(emails, expected) {
                #expect(try store.subjectExport(email: email, at: Self.at) == export, "\(email)")
            }
            _ = try store.purge(policies: PrivacyScenario.policies, now: february, actor: "cron", dryRun: false)
            #expect(try Self.timesErased(store.subjectExport(email: PrivacyScenario.alice, at: Self.at)) == expectedAfter)
        }
    }

    /// The export with the times its edits' details were erased (the purge's real time) read `purge`.
    static func timesErased(_ export: SubjectExport) -> SubjectExport {
        var export = export
        for index in export.responses.indices {
            for edit in export.responses[index].edits.indices where export.responses[index].edits[edit].detailsErasedAt != nil {
                export.responses[index].edits[edit].detailsErasedAt = "purge"
            }
        }
        return export
    }
}

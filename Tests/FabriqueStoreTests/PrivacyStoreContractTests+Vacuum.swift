import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// PostgreSQL's counterpart of SQLite's secure deletion: a `VACUUM` of the tables an erasure or a
/// purge touched, after its commit; never after a dry run, a count or a refusal.
extension PrivacyStoreContractTests {
    @Test(.enabled(if: Engine.available.contains(.postgres))) func postgresVacuumsTheTablesAnErasureTouchedAfterItsCommit() async throws {
        try await Engine.postgres.withEmptyStore { store in
            try await PrivacyScenario.build(on: store)
            let may = try Date("2026-05-01T00:00:00Z", strategy: .iso8601)
            #expect(try Self.vacuumCounts(store) == [0, 0, 0, 0, 0])
            _ = try store.eraseContact(email: PrivacyScenario.alice, reason: "essai", actor: "dpo", at: Self.at, dryRun: true)
            _ = try store.eraseResponse(surveyId: "essai", responseId: "web-david", reason: "essai", actor: "dpo", at: Self.at, dryRun: true)
            _ = try store.purge(policies: PrivacyScenario.policies, now: may, actor: "cron", dryRun: true)
            _ = try store.retentionDue(policies: PrivacyScenario.policies, now: may)
            #expect(throws: PrivacyError.unknownContact(email: "personne@example.fr")) {
                try store.eraseContact(email: "personne@example.fr", reason: "x", actor: "dpo", at: Self.at, dryRun: false)
            }
            #expect(try Self.vacuumCounts(store) == [0, 0, 0, 0, 0])

            // Alice answered both surveys: both response tables.
            _ = try store.eraseContact(email: PrivacyScenario.alice, reason: "demande", actor: "dpo", at: Self.at, dryRun: false)
            #expect(try Self.vacuumCounts(store) == [1, 1, 1, 1, 1])
            _ = try store.eraseResponse(surveyId: "essai", responseId: "web-david", reason: "opposition", actor: "dpo", at: Self.at, dryRun: false)
            #expect(try Self.vacuumCounts(store) == [2, 2, 2, 1, 2])
            // A purge touches no response.
            _ = try store.purge(policies: PrivacyScenario.policies, now: may, actor: "cron", dryRun: false)
            #expect(try Self.vacuumCounts(store) == [3, 3, 3, 1, 2])
        }
    }

    /// How many times each of contact, invitation, response_edit and the two response tables was
    /// vacuumed by a command (autovacuum's passes are counted apart).
    static func vacuumCounts(_ store: any FabriqueStore) throws -> [Int] {
        let tables = ["contact", "invitation", "response_edit", "responses_coordination", "responses_essai"]
        let rows = try StoreSQL.rows(store, "SELECT relname, CAST(vacuum_count AS text) FROM pg_stat_user_tables")
        let counts = Dictionary(uniqueKeysWithValues: rows.map { ($0[0] ?? "", Int($0[1] ?? "") ?? -1) })
        return tables.map { counts[$0] ?? -1 }
    }
}

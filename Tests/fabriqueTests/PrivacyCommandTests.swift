import FabriqueTestSupport
import Foundation
import Testing

/// The RGPD commands as a data protection officer runs them: subject-export, erase (dry run, then
/// for real), purge and survey close/reopen.
@Suite(.serialized)
struct PrivacyCommandTests {
    let cli: CommandRunner
    init() throws { cli = try CommandRunner() }

    static let secret = "Communauté Quokka-Zanzibar 7731"

    /// A database with two invited contacts; Alice's invitation stored the first generated response,
    /// whose commune is `secret`.
    func prepare(_ dir: TemporaryDirectory) throws -> (db: String, responseId: String) {
        let db = dir.path("f.sqlite")
        try #require(try cli.run(["init", "--db", db]).status == 0)
        try "name,email,region\nAlice Martin,alice@example.fr,44\nBruno Petit,bruno@example.fr,11\n"
            .write(toFile: dir.path("contacts.csv"), atomically: true, encoding: .utf8)
        try #require(try cli.run(["contacts", "import", "--db", db, dir.path("contacts.csv")]).status == 0)
        try #require(try cli.run(["invite", "--db", db, "--survey", "coordination", "--out", dir.path("links.csv")]).status == 0)
        try #require(
            try cli.run([
                "demo", "generate-responses", "--db", db, "--survey", "coordination", "--count", "3", "--seed", "3",
                "--as-of", "2026-06-15", "--out", dir.path("r.csv")
            ]).status == 0)
        try #require(
            try cli.run(["import", "responses", "--db", db, "--survey", "coordination", dir.path("r.csv"), "--as-of", "2026-06-15"]).status == 0)
        let responseId = try #require(
            SQLiteShell.run(db, "SELECT response_id FROM responses_coordination ORDER BY response_id LIMIT 1")
                .split(separator: "\n").first.map(String.init))
        _ = try SQLiteShell.run(
            db,
            """
            UPDATE responses_coordination SET commune_epci = '\(Self.secret)' WHERE response_id = '\(responseId)';
            UPDATE invitation SET submitted_at = '2026-06-01T08:00:00Z', response_id = '\(responseId)'
            WHERE contact_id = (SELECT id FROM contact WHERE email = 'alice@example.fr');
            """)
        return (db, responseId)
    }

    @Test func subjectExportPrintsTheContactsAnswersAsJSON() throws {
        let dir = try TemporaryDirectory()
        let (db, responseId) = try prepare(dir)
        let outcome = try cli.run(["subject-export", "--db", db, "ALICE@example.fr"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect((json["contact"] as? [String: Any])?["name"] as? String == "Alice Martin")
        let responses = try #require(json["responses"] as? [[String: Any]])
        #expect(responses.first?["responseId"] as? String == responseId)
        #expect((responses.first?["values"] as? [String: String])?["commune_epci"] == Self.secret)
        #expect((json["invitations"] as? [[String: Any]])?.first?["survey"] as? String == "coordination")
        #expect(!outcome.stdout.contains("token") && !outcome.stdout.contains("sha256"))
        // Pretty-printed, sorted keys.
        #expect(outcome.stdout.hasPrefix("{\n  \"contact\" : {"))
        let unknown = try cli.run(["subject-export", "--db", db, "nobody@example.fr"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no contact with the e-mail 'nobody@example.fr'"))
    }

    @Test func eraseContactDryRunChangesNothingThenTheRealOneLeavesNoTrace() throws {
        let dir = try TemporaryDirectory()
        let (db, responseId) = try prepare(dir)
        #expect(try cli.run(["erase", "contact", "--db", db, "alice@example.fr"]).status == 2)
        let before = try SQLiteShell.run(db, ".dump")
        let dry = try cli.run(["erase", "contact", "--db", db, "alice@example.fr", "--reason", "demande du 01/07/2026", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Dry run, nothing was changed. Erasing contact alice@example.fr would remove:"))
        #expect(dry.stdout.contains(responseId))
        #expect(try SQLiteShell.run(db, ".dump") == before)

        let real = try cli.run(["erase", "contact", "--db", db, "alice@example.fr", "--reason", "demande du 01/07/2026", "--actor", "dpo"])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.contains("Erased contact alice@example.fr:"))
        let after = try SQLiteShell.run(db, ".dump")
        #expect(!after.contains("alice@example.fr") && !after.contains("Alice Martin") && !after.contains(Self.secret))
        #expect(try SQLiteShell.run(db, "SELECT COUNT(*) FROM responses_coordination") == "2\n")
        #expect(try SQLiteShell.run(db, "SELECT actor, kind, reason FROM erasure_log") == "dpo|contact|demande du 01/07/2026\n")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(bytes.range(of: Data(Self.secret.utf8)) == nil)
    }

    @Test func eraseResponsePurgeAndClosingReportWhatTheyDid() throws {
        let dir = try TemporaryDirectory()
        let (db, _) = try prepare(dir)
        let other = try #require(
            SQLiteShell.run(db, "SELECT response_id FROM responses_coordination ORDER BY response_id DESC LIMIT 1")
                .split(separator: "\n").first.map(String.init))
        let erased = try cli.run(["erase", "response", "--db", db, "--survey", "coordination", other, "--reason", "opposition"])
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(try SQLiteShell.run(db, "SELECT COUNT(*) FROM responses_coordination") == "2\n")

        // Bruno's invitation is unused: 180 days after it was made it expires.
        let dry = try cli.run(["purge", "--db", db, "--dry-run", "--now", "2099-01-01", "--format", "json"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [[String: Any]])
        #expect(counts.contains { $0["kind"] as? String == "invitations" && $0["count"] as? Int == 1 })
        #expect(try SQLiteShell.run(db, "SELECT COUNT(*) FROM invitation WHERE expired_at IS NOT NULL") == "0\n")
        #expect(try cli.run(["purge", "--db", db, "--now", "2099-13-45"]).status == 2)

        let close = try cli.run(["survey", "close", "--db", db, "coordination", "--unlink"])
        #expect(close.status == 0, "\(close.stderr)")
        #expect(close.stdout.contains("Survey 'coordination' is closed"))
        #expect(close.stdout.contains("Unlinked: 2 invitation(s) no longer tied to a contact (region and approaches kept), 1 response(s)"))
        #expect(try SQLiteShell.run(db, "SELECT region_code FROM invitation ORDER BY region_code") == "11\n44\n")
        let reopen = try cli.run(["survey", "reopen", "--db", db, "coordination"])
        #expect(reopen.stdout.contains("Survey 'coordination' is open again"))
    }
}

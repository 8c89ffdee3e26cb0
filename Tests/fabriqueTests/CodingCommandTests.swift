import FabriqueTestSupport
import Foundation
import Testing

/// Codings as researchers work: import with checked excerpts, blind double coding, agreement, audit.
@Suite(.serialized)
struct CodingCommandTests {
    let cli: CommandRunner
    init() throws { cli = try CommandRunner() }

    static let criteria = [
        "demarche_projet", "partenariats_intersectorialite", "participation_habitants", "territorialisation",
        "coordination", "plus_value", "reduction_inegalites", "promotion_sante_determinants"
    ]

    /// Codings of every criterion of a fiche by one coder, with the given levels.
    static func rows(_ fiche: String, _ coder: String, _ levels: [Int]) -> [String] {
        zip(criteria, levels).map { "\(fiche),\($0),\(coder),\($1),," }
    }

    @Test func blindDoubleCodingAgreementAndAudit() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        try cli.run(["init", "--db", db])
        let assign = try cli.run(["coding", "assign", "--db", db, "--coders", "ana,ben", "--sample", "100%", "--seed", "2"])
        #expect(assign.status == 0 && assign.stdout.contains("Assigned 16 of 16 fiches"))
        let fiche = "mulhouse-cellule-sante-mentale-qpv"
        let other = "ardennes-epicerie-solidaire-itinerante"
        // Ana codes two fiches; Ben codes one of them.
        var csv = ["experience,criterion,coder,level,memo,excerpts"]
        csv += Self.rows(fiche, "ana", [1, 2, 0, 2, 2, 1, 2, 1]) + Self.rows(other, "ana", [1, 1, 2, 2, 1, 2, 2, 2])
        try csv.joined(separator: "\n").write(toFile: dir.path("a.csv"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["coding", "import", "--db", db, dir.path("a.csv"), "--actor", "ana"]).status == 0)
        // Before Ben finishes, exports hide Ana's codings from him and from staff.
        #expect(!(try cli.run(["coding", "export", "--db", db, "--coder", "ben"]).stdout.contains("ana")))
        #expect(try cli.run(["coding", "export", "--db", db, "--coder", "ana"]).stdout.contains(fiche))
        #expect(!(try cli.run(["coding", "export", "--db", db]).stdout.contains(fiche)))
        let ben = ["experience,criterion,coder,level,memo,excerpts"] + Self.rows(fiche, "ben", [1, 2, 1, 2, 2, 1, 2, 0])
        try ben.joined(separator: "\n").write(toFile: dir.path("b.csv"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["coding", "import", "--db", db, dir.path("b.csv"), "--actor", "ben"]).status == 0)
        // Now the Mulhouse fiche is complete: both codings are visible, the Ardennes one still hidden.
        let export = try cli.run(["coding", "export", "--db", db]).stdout
        #expect(export.contains("\(fiche),participation_habitants,ana,0,0") && export.contains("\(fiche),participation_habitants,ben,0,1"))
        #expect(!export.contains(other))
        // Agreement overall over the 8 units of the finished fiche: 6 of 8 agree.
        let agreement = try cli.run(["coding", "agreement", "--db", db, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(agreement.stdout.utf8)) as? [[String: Any]])
        let overall = try #require(json.first { $0["criterion"] as? String == "overall" }?["report"] as? [String: Any])
        #expect(overall["units"] as? Int == 8)
        #expect(abs((overall["percentAgreement"] as? Double ?? 0) - 0.75) < 1e-12)
        let disagreements = try cli.run(["coding", "disagreements", "--db", db]).stdout
        #expect(disagreements.contains("\(fiche) — participation_habitants") && disagreements.contains("ben: level 1"))
        // Ben changes his mind: the audit log keeps who, when, before and after.
        let change = ["experience,criterion,coder,level,memo,excerpts", "\(fiche),participation_habitants,ben,0,relu,"]
        try change.joined(separator: "\n").write(toFile: dir.path("c.csv"), atomically: true, encoding: .utf8)
        let summary = try cli.run(["coding", "import", "--db", db, dir.path("c.csv"), "--actor", "ben"]).stdout.split(separator: "\n")
        #expect(summary.last?.split(separator: " ").map(String.init) == ["1", "0", "1", "0"])
        let audit = try SQLiteShell.run(
            db,
            "SELECT actor, before_json IS NOT NULL, "
                + "after_json LIKE '%\"level\":0%' FROM coding_audit WHERE coder = 'ben' AND criterion_code = 'participation_habitants' ORDER BY id;"
        )
        #expect(audit == "ben|0|0\nben|1|1\n")
        // Adjudication settles the remaining disagreement.
        #expect(
            try cli.run([
                "coding", "resolve", "--db", db, "--experience", fiche, "--criterion", "promotion_sante_determinants", "--level", "1",
                "--adjudicator", "chloe"
            ]).status == 0)
        #expect(try cli.run(["coding", "disagreements", "--db", db]).stdout.contains("No disagreement"))
        // A second adjudication replaces the first: one consensus per fiche and criterion.
        #expect(
            try cli.run([
                "coding", "resolve", "--db", db, "--experience", fiche, "--criterion", "promotion_sante_determinants", "--level", "0",
                "--adjudicator", "dan"
            ]).status == 0)
        #expect(try SQLiteShell.run(db, "SELECT coder, level FROM coding WHERE consensus = 1;") == "dan|0\n")
        // An imported consensus follows the same rule.
        try ["experience,criterion,coder,level,consensus", "\(fiche),promotion_sante_determinants,eve,2,1"].joined(separator: "\n")
            .write(toFile: dir.path("d.csv"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["coding", "import", "--db", db, dir.path("d.csv")]).status == 0)
        #expect(try SQLiteShell.run(db, "SELECT coder, level FROM coding WHERE consensus = 1;") == "eve|2\n")
        #expect(try cli.run(["coding", "agreement", "--db", db, "--criterion", "coordinaton"]).status == 1)
    }

    @Test func quotesMustAppearInTheFiche() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        try cli.run(["init", "--db", db])
        let fiche = "mulhouse-cellule-sante-mentale-qpv"
        let body = try Fixtures.text("seeds/experiences/\(fiche).md")
        let quote = "Les quartiers prioritaires de Mulhouse"
        #expect(body.contains(quote))
        let csv = [
            "experience,criterion,coder,level,memo,excerpts",
            "\(fiche),coordination,ana,2,,\(quote) || une phrase inventée",
            "\(fiche),inconnu,ana,2,,", "\(fiche),plus_value,ana,7,,"
        ]
        try csv.joined(separator: "\n").write(toFile: dir.path("a.csv"), atomically: true, encoding: .utf8)
        let outcome = try cli.run(["coding", "import", "--db", db, dir.path("a.csv")])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("line 2, column \"excerpts\": « une phrase inventée » does not appear"))
        #expect(outcome.stderr.contains("line 3, column \"criterion\": 'inconnu' is not a criterion"))
        #expect(outcome.stderr.contains("line 4, column \"level\": '7' is not a level"))
        #expect(!outcome.stderr.contains("« \(quote) »"))
        #expect(try SQLiteShell.run(db, "SELECT COUNT(*) FROM coding;") == "0\n")
        // A coder not assigned to an assigned fiche, and a row given twice, are refused.
        try cli.run(["coding", "assign", "--db", db, "--coders", "ana,ben", "--sample", "100%"])
        let more = ["experience,criterion,coder,level", "\(fiche),coordination,zoe,2", "\(fiche),plus_value,ana,1", "\(fiche),plus_value,ana,2"]
        try more.joined(separator: "\n").write(toFile: dir.path("b.csv"), atomically: true, encoding: .utf8)
        let refused = try cli.run(["coding", "import", "--db", db, dir.path("b.csv")])
        #expect(refused.stderr.contains("line 2, column \"coder\": 'zoe' is not assigned"))
        #expect(refused.stderr.contains("line 4: the same fiche, criterion and coder as line 3"))
        // With a quote from the fiche's body, the coding imports and keeps the quote's offsets.
        try ["experience,criterion,coder,level,memo,excerpts", "\(fiche),coordination,ana,2,,\(quote)"].joined(separator: "\n")
            .write(toFile: dir.path("c.csv"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["coding", "import", "--db", db, dir.path("c.csv")]).status == 0)
        #expect(try SQLiteShell.run(db, "SELECT excerpts_json LIKE '%\"start\"%' FROM coding;") == "1\n")
    }
}

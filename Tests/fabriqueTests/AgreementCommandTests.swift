import FabriqueTestSupport
import Foundation
import Testing

/// `fabrique agreement` as researchers run it on their own CSV files.
struct AgreementCommandTests {
    let cli: CommandRunner
    init() throws { cli = try CommandRunner() }

    func file(_ text: String) throws -> (TemporaryDirectory, String) {
        let dir = try TemporaryDirectory()
        try text.write(toFile: dir.path("r.csv"), atomically: true, encoding: .utf8)
        return (dir, dir.path("r.csv"))
    }

    @Test func twoCodersGiveKappasAndTheDocumentedJSON() throws {
        // Two researchers coding one criterion (levels 0–2) on ten fiches; fiche 10 coded by one only.
        let (dir, path) = try file("fiche,coder_a,coder_b\n1,2,2\n2,1,1\n3,0,1\n4,2,2\n5,1,1\n6,0,0\n7,2,1\n8,1,1\n9,2,2\n10,1,\n")
        _ = dir
        let outcome = try cli.run(["agreement", path, "--level", "ordinal", "--format", "json", "--bootstrap", "500", "--seed", "3"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(
            Set(json.keys) == [
                "units", "coders", "level", "alpha", "alphaCI95", "percentAgreement", "kappa", "kappaLinear", "kappaQuadratic",
                "fleissKappa", "gwetAC1", "gwetAC2Linear", "gwetAC2Quadratic", "brennanPrediger", "prevalenceIndex", "biasIndex",
                "warning"
            ])
        // Three categories: no prevalence or bias index, and no paradox.
        #expect(json["prevalenceIndex"] is NSNull && json["warning"] is NSNull)
        #expect(json["gwetAC2Quadratic"] is Double)
        #expect(json["units"] as? Int == 9)
        #expect(json["coders"] as? Int == 2)
        #expect(json["level"] as? String == "ordinal")
        // 7 of the 9 fiches coded by both agree.
        #expect(abs((json["percentAgreement"] as? Double ?? 0) - 7.0 / 9.0) < 1e-12)
        #expect((json["alphaCI95"] as? [Double])?.count == 2)
        // The key order of the JSON is the documented one.
        #expect(outcome.stdout.hasPrefix(#"{"units":9,"coders":2,"level":"ordinal","alpha":"#))
    }

    @Test func moreThanTwoCodersHaveFleissButNotCohensKappa() throws {
        let (dir, path) = try file("u,a,b,c\n1,oui,oui,non\n2,non,non,non\n3,nsp,oui,oui\n")
        _ = dir
        let outcome = try cli.run(["agreement", path, "--level", "nominal", "--format", "json", "--bootstrap", "0"])
        #expect(outcome.status == 0)
        #expect(!outcome.stdout.contains(#""kappa""#) && !outcome.stdout.contains("prevalenceIndex"))
        #expect(outcome.stdout.contains(#""fleissKappa":"#) && outcome.stdout.contains(#""gwetAC2Linear":null"#))
        #expect(outcome.stdout.contains(#""alphaCI95":null"#))
    }

    /// A criterion present in nearly every fiche: 90 % agreement, kappa below zero; the table
    /// says so in French and points to Gwet's AC1.
    @Test func theKappaParadoxIsExplainedInFrench() throws {
        let rows = (1...90).map { "\($0),1,1" } + (91...95).map { "\($0),1,0" } + (96...100).map { "\($0),0,1" }
        let (dir, path) = try file("fiche,a,b\n" + rows.joined(separator: "\n") + "\n")
        _ = dir
        let outcome = try cli.run(["agreement", path, "--level", "nominal", "--bootstrap", "0"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Gwet's AC1"))
        let warning = "Attention : les deux codeurs sont d'accord sur 90 % des unités, mais le kappa de Cohen n'est que de −0,05."
        #expect(outcome.stdout.contains(warning))
        #expect(outcome.stdout.contains("(indice de prévalence 0,90)"))
        #expect(outcome.stdout.contains("L'AC1 de Gwet (0,89)"))
    }

    @Test func nonNumericCodeAboveNominalNamesLineAndColumn() throws {
        let (dir, path) = try file("u,a,b\n1,1,2\n2,deux,2\n")
        _ = dir
        let outcome = try cli.run(["agreement", path, "--level", "interval"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains(#"line 3, column "a": "deux" is not a number"#))
    }
}

/// `fabrique experiences` and `fabrique codebook` as researchers run them.
struct ExperiencesCommandTests {
    let cli: CommandRunner
    init() throws { cli = try CommandRunner() }

    @Test func importIsIdempotentAndBadFichesAreLocated() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        try cli.run(["init", "--db", db])
        let again = try cli.run(["experiences", "import", "--db", db, "seeds/experiences", "--format", "json"])
        #expect(again.stdout.contains(#""inserted":0,"updated":0,"unchanged":16"#))
        let fiche = try Fixtures.text("seeds/experiences/mulhouse-cellule-sante-mentale-qpv.md").replacingOccurrences(
            of: "departement: \"68\"", with: "departement: \"13\"")
        try fiche.write(toFile: dir.path("mauvaise-fiche.md"), atomically: true, encoding: .utf8)
        let bad = try cli.run(["experiences", "import", "--db", db, dir.path("mauvaise-fiche.md")])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("mauvaise-fiche.md:") && bad.stderr.contains("département 13 (Bouches-du-Rhône) is not in region 44"))
        let search = try cli.run(["experiences", "search", "--db", db, "sante mentale", "--region", "44", "--format", "json"])
        #expect(search.stdout.contains("mulhouse-cellule-sante-mentale-qpv"))
    }

    @Test func fichesImportFromCSVWithTheSameChecks() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        try cli.run(["init", "--db", db])
        let fiche = try Fixtures.text("seeds/experiences/mulhouse-cellule-sante-mentale-qpv.md")
        let body = String(fiche[fiche.range(of: "## Contexte")!.lowerBound...])
        let quoted = "\"" + body.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let csv =
            "slug,title,year,region,departement,territory_type,approaches,themes,lead_structure,partners,summary,body\n"
            + "colmar-copie,Une copie à Colmar,2023,44,68,urbain,cls;clsm,"
            + "sante-mentale-isolement-social,Ville de Colmar,CCAS;GEM,Résumé.,\(quoted)\n"
        try csv.write(toFile: dir.path("fiches.csv"), atomically: true, encoding: .utf8)
        let outcome = try cli.run(["experiences", "import", "--db", db, dir.path("fiches.csv"), "--format", "json"])
        #expect(outcome.stdout.contains(#""inserted":1"#), "\(outcome.stderr)")
        #expect(try cli.run(["experiences", "search", "--db", db, "copie colmar"]).stdout.contains("colmar-copie"))
        try csv.replacingOccurrences(of: ",44,68,", with: ",44,13,").write(toFile: dir.path("bad.csv"), atomically: true, encoding: .utf8)
        let bad = try cli.run(["experiences", "import", "--db", db, dir.path("bad.csv")])
        #expect(
            bad.status == 1 && bad.stderr.contains("bad.csv line 2, column \"departement\": département 13 (Bouches-du-Rhône) is not in region 44"))
    }

    @Test func codebookValidateLocatesProblems() throws {
        let dir = try TemporaryDirectory()
        try Fixtures.text("seeds/codebook.yaml").replacingOccurrences(of: "code: coordination", with: "code: demarche_projet")
            .write(toFile: dir.path("c.yaml"), atomically: true, encoding: .utf8)
        let outcome = try cli.run(["codebook", "validate", dir.path("c.yaml")])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("duplicate criterion 'demarche_projet'"))
        #expect(try cli.run(["codebook", "show"]).stdout.contains("[participation_habitants]"))
    }
}

import FabriqueCore
import FabriqueFormats
import FabriqueTestSupport
import Foundation
import Testing

/// Codings and the codebook as REFI-QDA files, for ATLAS.ti, NVivo, MAXQDA and QualCoder.
@Suite(.serialized)
struct CodingQDPXCommandTests {
    let cli: CommandRunner
    init() throws { cli = try CommandRunner() }

    static let fiche = "mulhouse-cellule-sante-mentale-qpv"
    static let other = "ardennes-epicerie-solidaire-itinerante"

    /// A database with codings by two coders, a consensus, memos and excerpts (French text).
    func codedDatabase(_ dir: TemporaryDirectory) throws -> String {
        let db = dir.path("f.sqlite")
        try cli.run(["init", "--db", db])
        let csv = [
            "experience,criterion,coder,level,memo,excerpts",
            "\(Self.fiche),coordination,ana,2,\"Très net : « coordonnée ».\","
                + "\"les gardiens d’immeuble, les travailleurs sociaux || Éviter les ruptures de parcours\"",
            "\(Self.fiche),coordination,benoît,1,,Les quartiers prioritaires de Mulhouse",
            "\(Self.fiche),plus_value,ana,0,,",
            "\(Self.other),territorialisation,benoît,2,\"deux\nlignes\","
        ]
        try csv.joined(separator: "\n").write(toFile: dir.path("a.csv"), atomically: true, encoding: .utf8)
        let imported = try cli.run(["coding", "import", "--db", db, dir.path("a.csv")])
        #expect(imported.status == 0, "\(imported.stderr)")
        let resolved = try cli.run([
            "coding", "resolve", "--db", db, "--experience", Self.fiche, "--criterion", "coordination", "--level", "2", "--adjudicator", "chloé"
        ])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        return db
    }

    @Test func exportIsAValidProjectAndStable() throws {
        let dir = try TemporaryDirectory()
        let db = try codedDatabase(dir)
        let outcome = try cli.run(["coding", "export", "--db", db, "--qdpx", dir.path("a.qdpx")])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("16 fiches, 5 codings"))
        let qdpx = try Data(contentsOf: URL(fileURLWithPath: dir.path("a.qdpx")))
        let document = try #require(try QDAArchive.entry("project.qde", in: qdpx))
        let verdict = try XMLLint.validate(document, schema: XMLLint.refiQDASchema)
        #expect(verdict.valid, "\(verdict.output)")
        let text = String(decoding: document, as: UTF8.self)
        #expect(text.contains("name=\"chloé (consensus)\"") && text.contains("name=\"benoît\""))
        #expect(text.components(separatedBy: "<PlainTextSelection ").count - 1 == 3)
        #expect(text.components(separatedBy: "<TextSource ").count - 1 == 16)
        #expect(text.contains("Très net : « coordonnée ».") && text.contains("deux\nlignes"))
        // A second export of the same data writes the same bytes.
        #expect(try cli.run(["coding", "export", "--db", db, "--qdpx", dir.path("b.qdpx")]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("b.qdpx"))) == qdpx)
    }

    @Test func codebookExportIsValid() throws {
        let dir = try TemporaryDirectory()
        let outcome = try cli.run(["codebook", "export", "--qdc", dir.path("c.qdc")])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("8 criteria, 3 levels"))
        let qdc = try String(contentsOfFile: dir.path("c.qdc"), encoding: .utf8)
        // See QDAWriterTests: the codebook's Codes validated as the project schema's CodeBook.
        let opening = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"fabrique\">"
        #expect(qdc.contains(opening))
        let wrapped =
            qdc.replacingOccurrences(of: opening, with: "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"qdc\"><CodeBook>") + "</Project>"
        let verdict = try XMLLint.validate(Data(wrapped.utf8), schema: XMLLint.refiQDASchema)
        #expect(verdict.valid, "\(verdict.output)")
        #expect(qdc.contains("name=\"participation_habitants — Participation des habitants\""))
    }

    /// Export, import into a new database, export again: the same codings, the same bytes.
    @Test func exportThenImportIsLossless() throws {
        let dir = try TemporaryDirectory()
        let db = try codedDatabase(dir)
        #expect(try cli.run(["coding", "export", "--db", db, "--qdpx", dir.path("a.qdpx")]).status == 0)
        let fresh = dir.path("g.sqlite")
        try cli.run(["init", "--db", fresh])
        let imported = try cli.run(["coding", "import", "--db", fresh, "--qdpx", dir.path("a.qdpx")])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.split(separator: "\n").last?.split(separator: " ").map(String.init) == ["5", "5", "0", "0"])
        let rows = "SELECT experience_slug, criterion_code, coder, consensus, level, memo, excerpts_json FROM coding ORDER BY 1, 2, 3, 4;"
        #expect(try SQLiteShell.run(fresh, rows) == (try SQLiteShell.run(db, rows)))
        #expect(try cli.run(["coding", "export", "--db", fresh, "--qdpx", dir.path("b.qdpx")]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("b.qdpx"))) == (try Data(contentsOf: URL(fileURLWithPath: dir.path("a.qdpx")))))
        // Importing the same project again changes nothing.
        let again = try cli.run(["coding", "import", "--db", fresh, "--qdpx", dir.path("a.qdpx")])
        #expect(again.stdout.split(separator: "\n").last?.split(separator: " ").map(String.init) == ["5", "0", "0", "5"])
    }

    /// A selection off the fiche's text, an unknown code and an unknown user are each named, with
    /// their GUIDs, and nothing is saved.
    @Test func importProblemsAreLocatedAndNothingIsSaved() throws {
        let dir = try TemporaryDirectory()
        let db = try codedDatabase(dir)
        #expect(try cli.run(["coding", "export", "--db", db, "--qdpx", dir.path("a.qdpx")]).status == 0)
        let qdpx = try Data(contentsOf: URL(fileURLWithPath: dir.path("a.qdpx")))
        var entries = try QDAArchive.paths(in: qdpx).map { (path: $0, data: try #require(try QDAArchive.entry($0, in: qdpx))) }
        var project = String(decoding: entries[0].data, as: UTF8.self)
        // Benoît's user GUID changes: his codings now name an unknown user.
        let benoit = try #require(project.range(of: "\" name=\"benoît\"/>"))
        let oldUser = String(project[project.index(benoit.lowerBound, offsetBy: -36)..<benoit.lowerBound])
        project.replaceSubrange(project.index(benoit.lowerBound, offsetBy: -36)..<benoit.lowerBound, with: "00000000-0000-0000-0000-000000000001")
        // Ana's coding of the whole Mulhouse fiche (the last) refers to a code the codebook lacks.
        let codeRef = try #require(project.range(of: "<CodeRef targetGUID=\"", options: .backwards))
        project.replaceSubrange(codeRef.upperBound..<project.index(codeRef.upperBound, offsetBy: 36), with: "00000000-0000-0000-0000-000000000002")
        entries[0].data = Data(project.utf8)
        // The Mulhouse fiche's text is another text in the project: its selections no longer match.
        let mulhouse = "Sources/" + QDAWriter.sourceGuid(Self.fiche) + ".txt"
        let index = try #require(entries.firstIndex { $0.path == mulhouse })
        entries[index].data = Data(String(repeating: "Un tout autre texte, sans rapport avec la fiche. ", count: 40).utf8)
        try QDAArchive.make(entries).write(to: URL(fileURLWithPath: dir.path("bad.qdpx")))
        let fresh = dir.path("g.sqlite")
        try cli.run(["init", "--db", fresh])
        let outcome = try cli.run(["coding", "import", "--db", fresh, "--qdpx", dir.path("bad.qdpx")])
        #expect(outcome.status == 1)
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        let sourceGuid = QDAWriter.sourceGuid(Self.fiche)
        #expect(lines.contains { $0.contains("source '\(Self.fiche)' (\(sourceGuid)), selection ") && $0.contains("does not appear in the fiche") })
        #expect(lines.contains { $0.contains("source '\(Self.fiche)'") && $0.contains("unknown code 00000000-0000-0000-0000-000000000002") })
        #expect(lines.contains { $0.contains("source '\(Self.other)'") && $0.contains("unknown user \(oldUser)") }, "\(outcome.stderr)")
        #expect(try SQLiteShell.run(fresh, "SELECT COUNT(*) FROM coding;") == "0\n")
    }

    /// The two projects ATLAS.ti wrote read as they are: no fiche is coded in them.
    @Test func atlasProjectsRead() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        try cli.run(["init", "--db", db])
        for name in ["blank-atlas-project.qdpx", "target-atlas-project.qdpx"] {
            let outcome = try cli.run(["coding", "import", "--db", db, "--qdpx", Fixtures.path("Tests/FabriqueImportTests/Fixtures/refi-qda/" + name)]
            )
            #expect(outcome.status == 0, "\(name): \(outcome.stderr)")
            #expect(outcome.stdout.split(separator: "\n").last?.split(separator: " ").map(String.init) == ["0", "0", "0", "0"])
        }
    }

    /// The seeds' codebook, exported as .qdc and imported back, is the same codebook.
    @Test func codebookExportThenImportIsLossless() throws {
        let dir = try TemporaryDirectory()
        #expect(try cli.run(["codebook", "export", "--qdc", dir.path("c.qdc")]).status == 0)
        let imported = try cli.run(["codebook", "import", "--qdc", dir.path("c.qdc"), "--out", dir.path("c.yaml")])
        #expect(imported.status == 0, "\(imported.stderr)")
        let seeds = try CodebookParser.parse(try Fixtures.text("seeds/codebook.yaml"), file: "seeds/codebook.yaml")
        #expect(try CodebookParser.parse(try String(contentsOfFile: dir.path("c.yaml"), encoding: .utf8), file: "c.yaml") == seeds)
        let refused = try cli.run([
            "codebook", "import", "--qdc", Fixtures.path("Tests/FabriqueImportTests/Fixtures/refi-qda/target-atlas-project.qdpx")
        ])
        #expect(refused.status == 1 && refused.stderr.contains("found 'Commits' (A182CD3A-D83C-4D8C-BC80-26D9103EC6D6)"))
    }
}

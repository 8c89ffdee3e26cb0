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
}

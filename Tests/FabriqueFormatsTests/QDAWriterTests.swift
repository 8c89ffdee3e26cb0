import FabriqueCore
import FabriqueFormats
import FabriqueTestSupport
import Foundation
import Testing

/// REFI-QDA files as fabrique writes them: valid against the project schema (xmllint), the same
/// bytes for the same data, offsets in Unicode scalars.
struct QDAWriterTests {
    /// A small codebook, two fiches in French with characters beyond the BMP, codings by two coders,
    /// a consensus, memos, excerpts and a coding without excerpt.
    static func sample() -> QDAProject {
        let codebook = Codebook(
            id: "grille-test", version: 3, title: "Grille d’essai — santé", description: "Deux critères, trois niveaux.",
            levels: [CodebookLevel(value: 0, label: "absent"), CodebookLevel(value: 1, label: "partiel"), CodebookLevel(value: 2, label: "affirmé")],
            criteria: [
                Criterion(
                    code: "participation_habitants", label: "Participation des habitants", definition: "Les habitants « co-construisent ».",
                    anchors: [0: "Rien", 1: "Consultés", 2: "Décident & agissent <ensemble>"]),
                Criterion(code: "coordination", label: "Coordination", definition: "", anchors: [0: "Aucune", 1: "Ponctuelle", 2: "Pérenne"])
            ])
        let first =
            "## Contexte\n\nÀ Mulhouse 🏥, les habitants\r\ndu quartier ont créé une cellule.\n\n"
            + "## Actions\n\nRéunions « mensuelles »."
        let second = "Épicerie itinérante dans les Ardennes : coordination avec le CCAS."
        func excerpt(_ quote: String, _ text: String) -> Excerpt { Excerpt.locate(quote, in: text)! }
        let codings = [
            Coding(
                experience: "mulhouse", criterion: "participation_habitants", coder: "ana", codebookId: "grille-test", codebookVersion: 3,
                level: 2, memo: "Très net.\nDeux lignes & <balises>.",
                excerpts: [excerpt("les habitants du quartier ont créé", first), excerpt("Réunions « mensuelles »", first)]),
            Coding(
                experience: "mulhouse", criterion: "participation_habitants", coder: "Benoît", codebookId: "grille-test", codebookVersion: 3,
                level: 1),
            Coding(
                experience: "mulhouse", criterion: "participation_habitants", coder: "ana", consensus: true, codebookId: "grille-test",
                codebookVersion: 3, level: 1, memo: "Arbitré.", excerpts: [excerpt("🏥, les habitants", first)]),
            Coding(
                experience: "ardennes", criterion: "coordination", coder: "Benoît", codebookId: "grille-test", codebookVersion: 3, level: 2,
                excerpts: [excerpt("coordination avec le CCAS", second)])
        ]
        return QDAProject(
            codebook: codebook,
            sources: [
                QDAProject.Source(slug: "mulhouse", title: "Cellule santé mentale", text: first),
                QDAProject.Source(slug: "ardennes", title: "Épicerie solidaire", text: second)
            ], codings: codings)
    }

    @Test func projectValidatesAgainstTheSchema() throws {
        let qdpx = try QDAWriter.project(Self.sample())
        #expect(try QDAArchive.paths(in: qdpx).sorted().count == 3)
        let document = try #require(try QDAArchive.entry("project.qde", in: qdpx))
        let verdict = try XMLLint.validate(document, schema: XMLLint.refiQDASchema)
        #expect(verdict.valid, "\(verdict.output)")
        let text = String(decoding: document, as: UTF8.self)
        // Offsets count Unicode scalars: 🏥 is one position (two in UTF-16).
        let first = Self.sample().sources[0].text
        let start = Array(first.unicodeScalars).firstIndex(of: "🏥")!
        #expect(text.contains("startPosition=\"\(start)\""))
        #expect(text.contains("name=\"ana (consensus)\"") && text.contains("name=\"Benoît\""))
        #expect(text.contains("<PlainTextContent>Très net.\nDeux lignes &amp; &lt;balises&gt;.</PlainTextContent>"))
        // The fiche's text is in Sources/, whole, with its CRLF.
        let source = try #require(
            try QDAArchive.paths(in: qdpx).first { $0.hasPrefix("Sources/") && $0.hasSuffix(".txt") && text.contains($0.dropFirst(8)) })
        let texts = try QDAArchive.paths(in: qdpx).filter { $0.hasPrefix("Sources/") }.map { try QDAArchive.entry($0, in: qdpx)! }
        #expect(texts.contains(Data(first.utf8)))
        #expect(!source.isEmpty)
    }

    @Test func sameDataSameBytes() throws {
        #expect(try QDAWriter.project(Self.sample()) == (try QDAWriter.project(Self.sample())))
        #expect(QDAWriter.codebook(Self.sample().codebook) == QDAWriter.codebook(Self.sample().codebook))
    }

    /// The codebook schema (Codebook.xsd, namespace urn:QDA-XML:codebook:1.0) is not among the
    /// fixtures; its `CodeBook` holds the same `Codes` of the same `CodeType` as the project
    /// schema's. The test checks the root and its namespace itself, then validates the `Codes`
    /// inside a project against Project-mrt2019.xsd.
    @Test func codebookValidatesAgainstTheProjectSchemasCodeType() throws {
        let qdc = String(decoding: QDAWriter.codebook(Self.sample().codebook), as: UTF8.self)
        let opening = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"fabrique\">"
        #expect(qdc.contains(opening))
        let wrapped =
            qdc.replacingOccurrences(of: opening, with: "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"qdc\"><CodeBook>")
            + "</Project>"
        let verdict = try XMLLint.validate(Data(wrapped.utf8), schema: XMLLint.refiQDASchema)
        #expect(verdict.valid, "\(verdict.output)")
    }

    @Test func codingsOutsideTheCodebookAreRefused() throws {
        var project = Self.sample()
        project.codings[1].criterion = "inconnu"
        project.codings[3].experience = "nulle-part"
        do {
            _ = try QDAWriter.project(project)
            Issue.record("written")
        } catch let error as QDAError {
            #expect(error.problems.count == 2)
            #expect(error.problems[0].contains("'inconnu'") && error.problems[1].contains("'nulle-part'"))
        }
    }

    /// A codebook written as .qdc and read back is the same codebook, and its file passes the parser.
    @Test func codebookRoundTrip() throws {
        let codebook = Self.sample().codebook
        let codes = try QDAReader.codes(QDAWriter.codebook(codebook), file: "c.qdc")
        #expect(try QDACodebook.codebook(codes, file: "c.qdc") == codebook)
        #expect(try CodebookParser.parse(QDACodebook.yaml(codebook), file: "c.yaml") == codebook)
        // The project's codes read back the same.
        let project = try QDAReader.project(try QDAWriter.project(Self.sample()), file: "p.qdpx")
        #expect(try QDACodebook.codebook(project.codes, file: "p.qdpx") == codebook)
    }

    /// ATLAS.ti's codes are not a fabrique codebook: the top code is named, with its GUID.
    @Test func atlasCodebookIsRefusedWithItsCodesNamed() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("Tests/FabriqueImportTests/Fixtures/refi-qda/target-atlas-project.qdpx")))
        let project = try QDAReader.project(data, file: "target.qdpx")
        #expect(project.users.count == 2 && project.sources.isEmpty)
        #expect(project.codes.first?.children.count == 2)
        #expect(throws: QDAError.self) { try QDACodebook.codebook(project.codes, file: "target.qdpx") }
        do {
            _ = try QDACodebook.codebook(project.codes, file: "target.qdpx")
        } catch let error as QDAError {
            #expect(
                error.problems == [
                    "target.qdpx: expected one top code named 'ID vVERSION — TITLE' holding the criteria (as 'codebook export --qdc' writes), "
                        + "found 'Commits' (A182CD3A-D83C-4D8C-BC80-26D9103EC6D6)"
                ])
        }
    }
}

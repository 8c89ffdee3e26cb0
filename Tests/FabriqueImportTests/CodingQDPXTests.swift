import FabriqueCore
import FabriqueFormats
import FabriqueImport
import Foundation
import Testing

/// The checks of codings read from a REFI-QDA project, one rule at a time.
struct CodingQDPXTests {
    static let body = "## Contexte\n\nÀ Mulhouse 🏥, les habitants\ndu quartier ont créé une cellule.\n\nRéunions « mensuelles »."

    static let codebook = Codebook(
        id: "grille", version: 2, title: "Grille", description: "",
        levels: [CodebookLevel(value: 0, label: "absent"), CodebookLevel(value: 1, label: "partiel"), CodebookLevel(value: 2, label: "affirmé")],
        criteria: [
            Criterion(code: "participation", label: "Participation", definition: "D", anchors: [0: "a", 1: "b", 2: "c"]),
            Criterion(code: "coordination", label: "Coordination", definition: "E", anchors: [0: "a", 1: "b", 2: "c"])
        ])

    static let codings = [
        Coding(
            experience: "mulhouse", criterion: "participation", coder: "ana", codebookId: "grille", codebookVersion: 2, level: 2,
            memo: "Net.", excerpts: [Excerpt.locate("les habitants du quartier", in: body)!, Excerpt.locate("Réunions", in: body)!]),
        Coding(experience: "mulhouse", criterion: "coordination", coder: "ben", codebookId: "grille", codebookVersion: 2, level: 0),
        Coding(
            experience: "mulhouse", criterion: "participation", coder: "chloé", consensus: true, codebookId: "grille", codebookVersion: 2,
            level: 1, excerpts: [Excerpt.locate("🏥, les", in: body)!])
    ]

    static func document(_ codings: [Coding] = codings) throws -> QDADocument {
        let project = QDAProject(codebook: codebook, sources: [QDAProject.Source(slug: "mulhouse", title: "M", text: body)], codings: codings)
        return try QDAReader.project(try QDAWriter.project(project), file: "p.qdpx")
    }

    static func rules(assignments: [String: [String]] = [:]) -> CodingCSV {
        CodingCSV(
            codebookId: "grille", codebookVersion: 2, criteria: ["participation", "coordination"], levels: [0, 1, 2],
            bodies: ["mulhouse": body], assignments: assignments)
    }

    static func problems(_ document: QDADocument, assignments: [String: [String]] = [:]) -> [String] {
        do {
            _ = try rules(assignments: assignments).read(document, file: "p.qdpx")
            return []
        } catch let error as RowProblems {
            return error.problems
        } catch {
            return ["\(error)"]
        }
    }

    @Test func writtenCodingsReadBackTheSame() throws {
        let read = try Self.rules().read(try Self.document(), file: "p.qdpx")
        let key = { (c: Coding) in "\(c.criterion)|\(c.coder)|\(c.consensus)" }
        #expect(read.sorted { key($0) < key($1) } == Self.codings.sorted { key($0) < key($1) })
    }

    /// A tool that joined the fiche's lines: the quote is found in the fiche, with the fiche's offsets.
    @Test func aRetouchedTextIsMatchedByTheExcerptRule() throws {
        var document = try Self.document()
        document.sources[0].text = Self.body.replacingOccurrences(of: "\n", with: " ")
        let read = try Self.rules().read(document, file: "p.qdpx")
        let ana = try #require(read.first { $0.coder == "ana" })
        #expect(ana.excerpts == Self.codings[0].excerpts)
        #expect(ana.excerpts[0].quote == "les habitants\ndu quartier")
    }

    @Test func eachProblemIsLocated() throws {
        // Without the source's text, selections cannot be checked.
        var document = try Self.document()
        document.sources[0].text = nil
        #expect(Self.problems(document).allSatisfy { $0.contains("selection ") && $0.contains("does not hold the source's text") })
        // A source that is no fiche.
        document = try Self.document()
        document.sources[0].name = "ailleurs"
        #expect(
            Self.problems(document) == [
                "p.qdpx: source 'ailleurs' (\(document.sources[0].guid)): no fiche 'ailleurs'; a source's name must be the slug of a fiche"
            ])
        // One coder, one criterion, two levels: Ana's second excerpt coded at level 1.
        document = try Self.document()
        let levelOne = try #require(document.codes.first?.children.first?.children[1])
        #expect(levelOne.name == "1 — partiel")
        let second = try #require(document.sources[0].selections.firstIndex { $0.start == Self.codings[0].excerpts[1].start })
        document.sources[0].selections[second].codings[0].code = levelOne.guid
        let clash = Self.problems(document)
        #expect(clash.count == 1 && clash[0].contains("selection \(document.sources[0].selections[second].guid)"))
        #expect(clash[0].contains("'ana' coded 'mulhouse' on 'participation' at levels 2 and 1; keep one"))
        // A coder not assigned to the fiche (a consensus is not checked).
        let assigned = Self.problems(try Self.document(), assignments: ["mulhouse": ["ana"]])
        #expect(assigned.count == 1 && assigned[0].contains("'ben' is not assigned to 'mulhouse'"))
    }
}

import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// The contacts and codings CSV files: imported whole, or every problem located and nothing kept.
struct SmallCSVImportTests {
    static func file(_ text: String) throws -> (TemporaryDirectory, String) {
        let dir = try TemporaryDirectory()
        _ = try dir.write(Array(text.utf8), to: "in.csv")
        return (dir, dir.path("in.csv"))
    }

    @Test func contactsAreCheckedAgainstTheReferential() throws {
        let (dir, path) = try Self.file(
            """
            nom,courriel,région,département,démarches
            Alice Martin,a@example.fr,Grand Est,67,CLS;CLSM
            Bruno Petit,b@example.fr,,75,asv
            """)
        _ = dir
        let contacts = try ContactCSV.read(path, referential: try Fixtures.referential())
        #expect(contacts.map(\.regionCode) == ["44", "11"])
        #expect(contacts[0].approaches == ["CLS", "CLSM"])
        #expect(contacts[1].approaches == ["ASV"])
    }

    @Test func everyBadContactRowIsNamedAndNoneKept() throws {
        let (dir, path) = try Self.file("name,email,region,departement\nA,pas-un-courriel,44,\nB,b@example.fr,44,75\nC,b@example.fr,Atlantide,\n")
        _ = dir
        #expect {
            try ContactCSV.read(path, referential: try Fixtures.referential())
        } throws: { error in
            let problems = (error as? RowProblems)?.problems ?? []
            return problems.count == 4
                && problems[0] == "\(path) line 2, column \"email\": \"pas-un-courriel\" is not an email address (expected name@domain.fr)"
                && problems[1] == "\(path) line 3, column \"departement\": département 75 is not in region 44"
                && problems.contains { $0.contains("line 4, column \"email\": b@example.fr is already on line 3") }
                && problems.contains { $0.contains("line 4, column \"region\": \"Atlantide\" is not a region") }
        }
    }

    @Test func codingsAreCheckedAgainstTheCodebookFichesAndAssignments() throws {
        let reader = CodingCSV(
            codebookId: "cb", codebookVersion: 1, criteria: ["C1", "C2"], levels: [0, 1, 2],
            bodies: ["fiche": "Un texte sur la santé mentale des jeunes."], assignments: ["fiche": ["lea", "noe"]])
        let (dir, good) = try Self.file("experience,criterion,coder,level,excerpts\nfiche,C1,lea,2,santé mentale || des jeunes\nfiche,C2,noe,0,\n")
        let codings = try reader.read(try CSVReader(path: good), file: "good.csv")
        #expect(codings.map(\.level) == [2, 0])
        #expect(codings[0].excerpts.map(\.quote) == ["santé mentale", "des jeunes"])
        let bad =
            "experience,criterion,coder,level,excerpts\nautre,C1,lea,1,\nfiche,C9,lea,1,\n"
            + "fiche,C1,karim,1,\nfiche,C1,lea,5,\nfiche,C2,lea,1,introuvable\n"
        _ = try dir.write(Array(bad.utf8), to: "bad.csv")
        #expect {
            try reader.read(try CSVReader(path: dir.path("bad.csv")), file: "bad.csv")
        } throws: { error in
            let problems = (error as? RowProblems)?.problems ?? []
            return problems == [
                "bad.csv line 2, column \"experience\": unknown fiche 'autre'",
                "bad.csv line 3, column \"criterion\": 'C9' is not a criterion of codebook 'cb'",
                "bad.csv line 4, column \"coder\": 'karim' is not assigned to 'fiche' (assigned: lea, noe); "
                    + "blind double coding counts assigned coders only",
                "bad.csv line 5, column \"level\": '5' is not a level of the codebook (0, 1, 2)",
                "bad.csv line 6, column \"excerpts\": « introuvable » does not appear in the fiche 'fiche'; quote it word for word"
            ]
        }
        _ = try dir.write(Array("experience,coder,level\n".utf8), to: "short.csv")
        #expect(
            throws: RowProblems(["short.csv line 1: no column 'criterion'; expected experience, criterion, coder, level, memo, excerpts, consensus"])
        ) {
            try reader.read(try CSVReader(path: dir.path("short.csv")), file: "short.csv")
        }
    }
}

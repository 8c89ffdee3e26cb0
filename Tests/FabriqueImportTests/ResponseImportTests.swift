import FabriqueCore
import FabriqueCSV
import FabriqueImport
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// The import as staff use it: conventions of each tool, rejects, idempotence, transactions.
struct ResponseImportTests {
    static let expected: [String: String] = ["demarches": "cls asv", "copil": "oui", "etp": "0.5", "debut": "2024-03-15", "priorites": "asv cls"]

    @Test func codesAndLabelsInAnyCaseAndAccentsDecimalCommasFrenchDates() throws {
        let fixture = try ImportFixture()
        let summary = try fixture.importText("""
            response_id;Démarches coordonnées;copil;etp;debut;priorites
            r1;cls asv;oui;0,5;15/03/2024;asv cls
            r2;"ATELIER SANTE VILLE; contrat local de sante";OUI;0.5;2024-03-15;"Atelier santé ville; CLS"
            """)
        #expect(summary.rejected == 0 && summary.inserted == 2)
        #expect(try fixture.stored()["r1"] == Self.expected)
        #expect(try fixture.stored()["r2"] == Self.expected)
    }

    @Test func everyMultiSelectConventionGivesTheSameAnswer() throws {
        let files: [(String, String)] = [
            ("joined codes", "response_id,demarches,copil,etp,debut,priorites\nr,cls asv,oui,\"0,5\",15/03/2024,asv cls\n"),
            ("joined labels with ;", "response_id,demarches,copil,etp,debut,priorites\nr,Atelier santé ville; contrat local de sante,Oui,\"0,5\",15/03/2024,Atelier santé ville; CLS\n"),
            ("LimeSurvey brackets", "id,demarches[cls],demarches[clsm],demarches[asv],copil,etp,debut,priorites[1],priorites[2]\nr,Y,,Y,oui,\"0,5\",15/03/2024,asv,cls\n"),
            ("LimeSurvey dots", "id,demarches.cls.,demarches.clsm.,demarches.asv.,copil,etp,debut,priorites\nr,Y,N,Y,A1,0.5,2024-03-15,asv cls\n".replacingOccurrences(of: "A1", with: "oui")),
            ("REDCap", "record_id,demarches___cls,demarches___clsm,demarches___asv,copil,etp,debut,priorites\nr,1,0,1,oui,0.5,2024-03-15,asv cls\n"),
            ("Kobo groups", "_uuid,s/demarches,s/demarches/cls,s/demarches/clsm,s/demarches/asv,s/copil,s/etp,s/debut,s/priorites\nr,cls asv,True,False,True,oui,0.5,2024-03-15,asv cls\n"),
            ("Kobo options only", "_uuid,demarches/cls,demarches/clsm,demarches/asv,copil,etp,debut,priorites\nr,1,0,1,oui,0.5,2024-03-15,asv cls\n"),
        ]
        for (name, text) in files {
            let fixture = try ImportFixture()
            let summary = try fixture.importText(text)
            #expect(summary.inserted == 1 && summary.rejected == 0, "\(name): \(summary)")
            #expect(try fixture.stored()["r"] == Self.expected, "\(name)")
        }
    }

    @Test func otherSpecifyColumnsAreRead() throws {
        for text in ["response_id,demarches,demarches_other,copil\nr,cls other,PTS,oui\n",
                     "id,demarches[cls],demarches[other],copil\nr,Y,PTS,oui\n",
                     "_uuid,demarches/cls,demarches/other,demarches_other,copil\nr,1,1,PTS,oui\n"] {
            let fixture = try ImportFixture()
            try fixture.importText(text)
            #expect(try fixture.stored()["r"] == ["demarches": "cls other", "demarches_other": "PTS", "copil": "oui"], "\(text)")
        }
    }

    @Test func badRowsGoToTheRejectsFileWithLineAndReasons() throws {
        let fixture = try ImportFixture()
        let summary = try fixture.importText("""
            response_id,demarches,copil,etp,notes
            ok1,cls,oui,1,x
            bad1,cls,peut-être,9,"note
            sur deux lignes"
            ,cls,oui,1,sans id
            bad2,cls,oui
            ok2,asv,non,,y

            """)
        #expect(summary.read == 5)
        #expect(summary.inserted == 2)
        #expect(summary.rejected == 3)
        #expect(summary.warnings == ["column 5 'notes' matches no question and is ignored"])
        let rejectsFile = try #require(summary.rejectsFile)
        let rejects = try CSVReader(path: rejectsFile).records()
        #expect(rejects[0].fields == ["response_id", "demarches", "copil", "etp", "notes", "line", "errors"])
        #expect(rejects[1].fields == ["bad1", "cls", "peut-être", "9", "note\nsur deux lignes", "3",
                                      "copil: « peut-être » ne fait pas partie des réponses proposées. | etp: Entre 0 et 5 ETP."])
        #expect(rejects[2].fields.suffix(2) == ["5", "the response id (column 'response_id') is empty"])
        #expect(rejects[3].fields.suffix(2) == ["6", "the record has 3 fields where the header has 5"])
        #expect(try fixture.stored().keys.sorted() == ["ok1", "ok2"])
    }

    @Test func reimportingTheSameFileChangesNothing() throws {
        let fixture = try ImportFixture()
        let text = "response_id,demarches,copil,etp\na,cls,oui,1\nb,asv,non,0,5\n".replacingOccurrences(of: "0,5", with: "\"0,5\"")
        #expect(try fixture.importText(text).inserted == 2)
        let again = try fixture.importText(text)
        #expect(again.inserted == 0 && again.unchanged == 2 && again.updated == 0)
    }

    @Test func changedRowsFollowTheDuplicatePolicy() throws {
        let fixture = try ImportFixture()
        try fixture.importText("response_id,demarches,copil\na,cls,oui\nb,asv,non\n")
        let changed = "response_id,demarches,copil\na,cls,non\nb,asv,non\nc,clsm,oui\n"
        // error (the default): nothing at all is written, and the message names the line and id.
        #expect(throws: StoreError.duplicateResponse(responseId: "a", line: 2)) { try fixture.importText(changed) }
        #expect(try fixture.stored().count == 2)
        let skip = try fixture.importText(changed, options: ImportOptions(policy: .skip, today: Fixtures.today))
        #expect((skip.inserted, skip.unchanged, skip.updated) == (1, 2, 0))
        #expect(skip.warnings.last?.contains("1 row(s) differ") == true)
        #expect(try fixture.stored()["a"]?["copil"] == "oui")
        let update = try fixture.importText(changed, options: ImportOptions(policy: .update, today: Fixtures.today))
        #expect((update.inserted, update.unchanged, update.updated) == (0, 2, 1))
        #expect(try fixture.stored()["a"]?["copil"] == "non")
    }

    @Test func dryRunWritesNothingButCountsEverything() throws {
        let fixture = try ImportFixture()
        let summary = try fixture.importText("response_id,demarches,copil\na,cls,oui\nb,x,oui\n",
                                             options: ImportOptions(dryRun: true, today: Fixtures.today))
        #expect((summary.inserted, summary.rejected) == (1, 1))
        #expect(try fixture.stored().isEmpty)
        #expect(try fixture.database.responseSchema(surveyId: "mini") == nil)
    }

    @Test func missingRequiredColumnStopsBeforeAnyWrite() throws {
        let fixture = try ImportFixture()
        #expect(throws: ImportError.missingRequiredColumns(file: fixture.dir.path("in.csv"), names: ["copil"])) {
            try fixture.importText("response_id,demarches\na,cls\n")
        }
        #expect(throws: ImportError.self) { try fixture.importText("numero,demarches,copil\na,cls,oui\n") }
        #expect(try fixture.database.responseSchema(surveyId: "mini") == nil)
    }

    @Test func aMappingFileNamesColumnsAndTheIdColumn() throws {
        let fixture = try ImportFixture()
        let mapping = try ColumnMapping.parse("id_column: Numéro\ncolumns:\n  \"Q1 - démarches\": demarches\n  \"Q2\": copil\nignore: [submitdate]\n",
                                              file: "m.yaml", survey: fixture.survey)
        let summary = try fixture.importText("Numéro,Q1 - démarches,Q2,submitdate\n7,clsm,oui,2024-01-01\n",
                                             options: ImportOptions(mapping: mapping, today: Fixtures.today))
        #expect(summary.inserted == 1 && summary.warnings.isEmpty)
        #expect(try fixture.stored()["7"] == ["demarches": "clsm", "copil": "oui"])
        #expect(throws: SourceProblems.self) { try ColumnMapping.parse("columns:\n  A: inconnue\n", file: "m.yaml", survey: fixture.survey) }
    }

    @Test func malformedFileCommitsNothing() throws {
        let fixture = try ImportFixture()
        var text = "response_id,demarches,copil\n"
        for index in 0..<3000 { text += "r\(index),cls,oui\n" }
        text += "last,\"unterminated,oui\n"
        #expect(throws: CSVError.unterminatedQuote(file: fixture.dir.path("in.csv"), line: 3002)) { try fixture.importText(text) }
        #expect(try fixture.stored().isEmpty)
    }

    @Test func windows1252SemicolonFileFromFrenchExcel() throws {
        let fixture = try ImportFixture()
        // "Démarches coordonnées" as a header and "Atelier santé ville" as a value, in Windows-1252 with ';' and CRLF.
        let text = "response_id;Démarches coordonnées;copil;etp;debut\r\nr;Atelier santé ville;Oui;1,5;01/02/2023\r\n"
        let bytes = text.unicodeScalars.map { UInt8($0.value) }
        #expect(try fixture.importBytes(bytes).inserted == 1)
        #expect(try fixture.stored()["r"] == ["demarches": "asv", "copil": "oui", "etp": "1.5", "debut": "2023-02-01"])
    }
}

import FabriqueCSV
import FabriqueCore
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
        let summary = try fixture.importText(
            """
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
            (
                "joined labels with ;",
                "response_id,demarches,copil,etp,debut,priorites\n"
                    + "r,Atelier santé ville; contrat local de sante,Oui,\"0,5\",15/03/2024,Atelier santé ville; CLS\n"
            ),
            (
                "LimeSurvey brackets",
                "id,demarches[cls],demarches[clsm],demarches[asv],copil,etp,debut,priorites[1],priorites[2]\nr,Y,,Y,oui,\"0,5\",15/03/2024,asv,cls\n"
            ),
            (
                "LimeSurvey dots",
                "id,demarches.cls.,demarches.clsm.,demarches.asv.,copil,etp,debut,priorites\nr,Y,N,Y,A1,0.5,2024-03-15,asv cls\n"
                    .replacingOccurrences(of: "A1", with: "oui")
            ),
            ("REDCap", "record_id,demarches___cls,demarches___clsm,demarches___asv,copil,etp,debut,priorites\nr,1,0,1,oui,0.5,2024-03-15,asv cls\n"),
            (
                "Kobo groups",
                "_uuid,s/demarches,s/demarches/cls,s/demarches/clsm,s/demarches/asv,s/copil,s/etp,s/debut,s/priorites\n"
                    + "r,cls asv,True,False,True,oui,0.5,2024-03-15,asv cls\n"
            ),
            ("Kobo options only", "_uuid,demarches/cls,demarches/clsm,demarches/asv,copil,etp,debut,priorites\nr,1,0,1,oui,0.5,2024-03-15,asv cls\n")
        ]
        for (name, text) in files {
            let fixture = try ImportFixture()
            let summary = try fixture.importText(text)
            #expect(summary.inserted == 1 && summary.rejected == 0, "\(name): \(summary)")
            #expect(try fixture.stored()["r"] == Self.expected, "\(name)")
        }
    }

    @Test func otherSpecifyColumnsAreRead() throws {
        for text in [
            "response_id,demarches,demarches_other,copil\nr,cls other,PTS,oui\n",
            "id,demarches[cls],demarches[other],copil\nr,Y,PTS,oui\n",
            "_uuid,demarches/cls,demarches/other,demarches_other,copil\nr,1,1,PTS,oui\n"
        ] {
            let fixture = try ImportFixture()
            try fixture.importText(text)
            #expect(try fixture.stored()["r"] == ["demarches": "cls other", "demarches_other": "PTS", "copil": "oui"], "\(text)")
        }
    }

    @Test func badRowsGoToTheRejectsFileWithLineAndReasons() throws {
        let fixture = try ImportFixture()
        let summary = try fixture.importText(
            """
            response_id,demarches,copil,etp,notes
            ok1,cls,oui,1,x
            bad1,cls,peut-être,9,"note
            sur deux lignes"
            ,cls,oui,1,sans id
            bad2,cls,oui
            ok2,asv,non,,y

            """, options: ImportOptions(today: Fixtures.today, ignoreUnmatched: true))
        #expect(summary.read == 5)
        #expect(summary.inserted == 2)
        #expect(summary.rejected == 3)
        // The short row is rejected before its cells are read; the others' notes are counted.
        #expect(summary.warnings == ["column 5 'notes' matches no question: its 4 non-empty cell(s) were not imported (--ignore-unmatched)"])
        let rejectsFile = try #require(summary.rejectsFile)
        let rejects = try CSVReader(path: rejectsFile).records()
        #expect(rejects[0].fields == ["response_id", "demarches", "copil", "etp", "notes", "line", "errors"])
        #expect(
            rejects[1].fields == [
                "bad1", "cls", "peut-être", "9", "note\nsur deux lignes", "3",
                "copil: « peut-être » ne fait pas partie des réponses proposées. | etp: Entre 0 et 5 ETP."
            ])
        #expect(rejects[2].fields.suffix(2) == ["5", "l'identifiant de la réponse (colonne « response_id ») est vide"])
        // A short row is padded so that line and errors stay under their headers.
        #expect(rejects[3].fields == ["bad2", "cls", "oui", "", "", "6", "la ligne a 3 champs alors que l'en-tête en a 5"])
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
        let summary = try fixture.importText(
            "response_id,demarches,copil\na,cls,oui\nb,x,oui\n",
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
        let mapping = try ColumnMapping.parse(
            "id_column: Numéro\ncolumns:\n  \"Q1 - démarches\": demarches\n  \"Q2\": copil\nignore: [submitdate]\n",
            file: "m.yaml", survey: fixture.survey)
        let summary = try fixture.importText(
            "Numéro,Q1 - démarches,Q2,submitdate\n7,clsm,oui,2024-01-01\n",
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

    @Test func rejectsFileUsesTheInputEncodingAndReimportsOnceCorrected() throws {
        let fixture = try ImportFixture()
        let text = "response_id;demarches;copil\r\nr1;Atelier santé ville;peut-être\r\n"
        let summary = try fixture.importBytes(text.unicodeScalars.map { UInt8($0.value) })
        let rejectsFile = try #require(summary.rejectsFile)
        let reader = try CSVReader(path: rejectsFile)
        #expect(reader.dialect.encoding == .windows1252 && reader.dialect.delimiter == UInt8(ascii: ";"))
        #expect(try reader.records()[1].fields.prefix(3) == ["r1", "Atelier santé ville", "peut-être"])
        // Corrected in place, the rejects file imports with its line and errors columns ignored.
        let corrected = try String(contentsOfFile: rejectsFile, encoding: .isoLatin1).replacingOccurrences(of: "peut-\u{ea}tre", with: "oui")
        let again = try fixture.importBytes(corrected.unicodeScalars.map { UInt8($0.value) }, name: "corrected.csv")
        #expect(again.inserted == 1 && again.warnings.isEmpty)
    }

    @Test func aStaleRejectsFileIsRemovedWhenNothingIsRejected() throws {
        let fixture = try ImportFixture()
        let first = try fixture.importText("response_id,demarches,copil\na,x,oui\n")
        #expect(first.rejectsFile != nil)
        let second = try fixture.importText("response_id,demarches,copil\na,cls,oui\n")
        #expect(second.rejectsFile == nil)
        #expect(!FileManager.default.fileExists(atPath: first.rejectsFile!))
    }

    @Test func imposedUTF8OnAWindows1252FileIsAnErrorWithItsLine() throws {
        let fixture = try ImportFixture()
        let path = try fixture.dir.write(
            "response_id,demarches,copil\na,cls,oui\nb,cls,non\u{e9}\n".unicodeScalars.map { UInt8($0.value) }, to: "cp.csv")
        #expect(throws: CSVError.badEncoding(file: path, line: 3, encoding: "UTF-8")) {
            try CSVReader(path: path, encoding: .utf8).records()
        }
    }

    @Test func answersToQuestionsThatDoNotApplyAreReported() throws {
        let fixture = try ImportFixture()
        // "demarches_other" is only asked when "other" is chosen.
        let summary = try fixture.importText("response_id,demarches,demarches_other,copil\na,cls,PTS,oui\nb,cls,,oui\n")
        #expect(summary.inserted == 2)
        #expect(
            summary.warnings == [
                "1 answer(s) in 1 row(s) were not stored because their question did not apply under the survey's skip logic "
                    + "(first: line 2, demarches_other)"
            ])
    }

    /// A value past a soft limit (REDCap's min and max become a `warning`) is what the source tool
    /// accepted: it is stored, and the summary counts it by question with its first line.
    @Test func valuesPastASoftLimitAreStoredAndCounted() throws {
        let yaml = ImportFixture.yaml.replacingOccurrences(
            of: "constraint_message: \"Entre 0 et 5 ETP.\"}",
            with: "constraint_message: \"Entre 0 et 5 ETP.\", warning: \". <= 2\"}")
        let fixture = try ImportFixture(survey: try Fixtures.survey(yaml), source: yaml)
        let summary = try fixture.importText("response_id,demarches,copil,etp\na,cls,oui,1\nb,cls,oui,3\nc,cls,oui,4.5\n")
        #expect(summary.inserted == 3 && summary.rejected == 0)
        #expect(
            summary.warnings == [
                "2 value(s) of etp are outside its expected range (its 'warning' is false) and were stored, "
                    + "as the source tool accepted them (first: line 3)"
            ])
        #expect(try fixture.stored()["c"]?["etp"] == "4.5")
    }

    @Test func excelLeadingZerosTypographicApostrophesAndMisspelledLabels() throws {
        let yaml = """
            id: mini
            version: "1"
            title: Mini
            choices:
              - list_name: demarches
                items:
                  - {value: cls, label: Contrat local de santé}
                  - {value: asv, label: Atelier santé ville}
              - list_name: oui_non
                items: [{value: oui, label: Oui}, {value: non, label: Non}]
              - list_name: regions
                items:
                  - {value: "01", label: Guadeloupe}
                  - {value: "44", label: Grand Est}
                  - {value: "93", label: Provence-Alpes-Côte d'Azur}
            sections:
              - name: s
                title: S
                questions:
                  - {name: demarches, type: select_multiple, label: Démarches, choices: demarches, required: true}
                  - {name: copil, type: select_one, label: Copil, choices: oui_non, required: true}
                  - {name: region, type: select_one, label: Région, choices: regions}
            """
        let survey = try FabriqueTestSupport.Fixtures.survey(yaml)
        let fixture = try ImportFixture(survey: survey, source: yaml)
        let summary = try fixture.importText(
            """
            response_id;demarches;copil;region
            a;cls;oui;1
            b;cls;oui;Provence-Alpes-Côte d’Azur
            c;Atelier santé vile;oui;44
            """)
        #expect(summary.inserted == 2)
        #expect(try fixture.stored()["a"]?["region"] == "01")
        #expect(try fixture.stored()["b"]?["region"] == "93")
        let rejects = try CSVReader(path: try #require(summary.rejectsFile)).records()
        #expect(
            rejects[1].fields.last
                == "demarches : « Atelier santé vile » ne correspond à aucune réponse proposée "
                + "(codes, ou libellés séparés par « ; ») | demarches: Cette question est obligatoire."
        )
    }
}

extension ResponseImportTests {
    /// Two columns for one question (its name and its label): each row takes the later one that
    /// is filled, a warning says so, and values numbered in one column never stand for the
    /// other's (the validating threads number each column's values on their own).
    @Test func twoColumnsForOneQuestionTakeTheLaterFilledOne() throws {
        let fixture = try ImportFixture()
        var text = "response_id,demarches,copil,Comité de pilotage\n"
        var expected: [String: String] = [:]
        for index in 0..<600 {
            // Column 3's first value and column 4's first value differ: "oui" and "Non".
            switch index % 3 {
            case 0:
                text += "r\(index),cls,oui,Non\n"
                expected["r\(index)"] = "non"
            case 1:
                text += "r\(index),cls,oui,\n"
                expected["r\(index)"] = "oui"
            default:
                text += "r\(index),cls,,Oui\n"
                expected["r\(index)"] = "oui"
            }
        }
        let summary = try fixture.importText(text)
        #expect(summary.inserted == 600)
        #expect(
            summary.warnings == [
                "columns 3 'copil', 4 'Comité de pilotage' all give question 'copil': in each row the last of them that is filled is used"
            ])
        let stored = try fixture.stored()
        let wrong = expected.filter { id, value in stored[id]?["copil"] != value }.keys.sorted()
        #expect(stored.count == 600 && wrong.isEmpty, "wrong copil in \(wrong.count) rows, first \(wrong.prefix(3))")
    }
}

import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// Nothing changes silently: unmatched columns with data, empty id columns, dates, calculations and
/// summary columns are either handled and reported, or stop the import before anything is written.
struct ImportChecksTests {
    static func options(_ change: (inout ImportOptions) -> Void = { _ in }) -> ImportOptions {
        var options = ImportOptions(today: Fixtures.today)
        change(&options)
        return options
    }

    @Test func aColumnWithDataThatMatchesNoQuestionStopsTheImport() throws {
        let fixture = try ImportFixture()
        let text = "response_id,copil,demarches,Saisi par,vide\na,oui,cls,Léa,\nb,non,asv,,\nc,oui,cls,Karim,\n"
        #expect(
            throws: ImportError.unmatchedColumns(
                file: fixture.dir.path("in.csv"),
                columns: [.init(position: 4, header: "Saisi par", filledCells: 2)])
        ) {
            try fixture.importText(text)
        }
        #expect(try fixture.stored().isEmpty)
        #expect(try fixture.database.responseSchema(surveyId: "mini") == nil)
        #expect(!FileManager.default.fileExists(atPath: fixture.dir.path("in.rejects.csv")))
        // Past the first batch the rows are only counted, every one of them, bad rows included.
        let long = "response_id,copil,demarches,note\n" + (0..<1000).map { "r\($0),\($0 % 7 == 0 ? "peut-être" : "oui"),cls,n\($0)\n" }.joined()
        #expect(
            throws: ImportError.unmatchedColumns(file: fixture.dir.path("in.csv"), columns: [.init(position: 4, header: "note", filledCells: 1000)])
        ) {
            try fixture.importText(long)
        }
        #expect(try fixture.database.responseSchema(surveyId: "mini") == nil)
        let summary = try fixture.importText(text, options: Self.options { $0.ignoreUnmatched = true })
        #expect(summary.inserted == 3)
        #expect(
            summary.warnings == [
                "column 4 'Saisi par' matches no question: its 2 non-empty cell(s) were not imported (--ignore-unmatched)",
                "column 5 'vide' matches no question and is empty"
            ])
        // The mapping's ignore, by header or by position, is knowing too.
        let mapping = ColumnMapping(ignore: ["Saisi par"], ignorePositions: [5])
        let again = try fixture.importText(text, options: Self.options { $0.mapping = mapping })
        #expect(again.unchanged == 3 && again.warnings.isEmpty)
    }

    @Test func anEmptyIdColumnFallsBackOnTheNextFilledOneOrStops() throws {
        let fixture = try ImportFixture()
        let summary = try fixture.importText("_uuid,_id,copil,demarches,_index\n,,oui,cls,1\n,,non,asv,2\n")
        #expect(summary.inserted == 2 && summary.rejected == 0)
        #expect(
            summary.warnings.first
                == "columns 1 '_uuid', 2 '_id' are empty in the first 2 row(s): "
                + "the response id is read from column 5 '_index' instead (name another with --id-column)"
        )
        #expect(try fixture.stored().keys.sorted() == ["1", "2"])
        #expect(throws: ImportError.emptyIdColumns(file: fixture.dir.path("in.csv"), columns: ["_uuid", "_id"], rows: 1)) {
            try fixture.importText("_uuid,_id,copil,demarches\n,,oui,cls\n")
        }
        #expect(throws: ImportError.emptyIdColumns(file: fixture.dir.path("in.csv"), columns: ["_uuid"], rows: 2)) {
            try fixture.importText("_uuid,_id,copil,demarches,_index\n,,oui,cls,1\n,,non,asv,2\n", options: Self.options { $0.idColumn = "_uuid" })
        }
        #expect(ImportError.emptyIdColumns(file: "f.csv", columns: ["_uuid"], rows: 2).localizedDescription.contains("--id-column"))
    }

    @Test func generatedIdsKeepReimportsIdempotent() throws {
        let fixture = try ImportFixture()
        let text = "copil,demarches,etp\noui,cls,1\nnon,asv,\"0,5\"\n"
        #expect(throws: ImportError.self) { try fixture.importText(text) }
        let first = try fixture.importText(text, options: Self.options { $0.generateIds = true })
        #expect(first.inserted == 2)
        let ids = try fixture.stored().keys.sorted()
        #expect(ids.allSatisfy { $0.hasPrefix("row-") && $0.count == 24 })
        let again = try fixture.importText(text, options: Self.options { $0.generateIds = true })
        #expect(again.inserted == 0 && again.unchanged == 2)
        #expect(try fixture.stored().keys.sorted() == ids)
    }

    @Test func aMappingTargetsChoiceColumnsAndColumnsByPosition() throws {
        let fixture = try ImportFixture()
        let mapping = try ColumnMapping.parse(
            """
            columns:
              "Contrat local": demarches/cls
              "Atelier": "demarches[asv]"
              "Autre démarche": "demarches[other]"
              "Priorité 1": "priorites[1]"
            positions:
              4: copil
            ignore_positions: [5]
            """, file: "m.yaml", survey: fixture.survey)
        // Two columns are headed "Copil": the 4th is the answer, the 5th a copy to leave aside.
        let summary = try fixture.importText(
            "response_id,Contrat local,Atelier,Copil,Copil,Autre démarche,Priorité 1\na,x,,oui,?,PTS,asv\n",
            options: Self.options { $0.mapping = mapping })
        #expect(summary.inserted == 1 && summary.rejected == 0 && summary.warnings.isEmpty, "\(summary)")
        #expect(try fixture.stored()["a"] == ["demarches": "cls other", "demarches_other": "PTS", "copil": "oui", "priorites": "asv"])
        #expect(throws: SourceProblems.self) { try ColumnMapping.parse("positions:\n  zero: copil\n", file: "m.yaml", survey: fixture.survey) }
        let wrong = try ColumnMapping.parse("columns:\n  X: demarches/inconnu\n", file: "m.yaml", survey: fixture.survey)
        #expect(throws: ImportError.unknownMappingTarget(file: fixture.dir.path("in.csv"), column: "X", target: "demarches/inconnu")) {
            try fixture.importText("response_id,copil,demarches,X\na,oui,cls,1\n", options: Self.options { $0.mapping = wrong })
        }
    }

    @Test func ambiguousDatesFollowTheOrderTheFileProvesAndAreCounted() throws {
        // Day first by default: 9/10/2015 is 9 October, and counted.
        let fixture = try ImportFixture()
        let dayFirst = try fixture.importText("response_id,copil,demarches,debut\na,oui,cls,9/10/2015\nb,oui,cls,25/12/2015\n")
        #expect(try fixture.stored()["a"]?["debut"] == "2015-10-09")
        #expect(
            dayFirst.warnings == [
                "1 date(s) could be read day first or month first and were read day first (dd/mm/yyyy), as the file's other dates prove "
                    + "(first: line 2, column 'debut': 9/10/2015); pass --date-order mdy if that is wrong"
            ])
        // A file whose other dates are month first (12/25/2015) is read month first.
        let american = try ImportFixture()
        let monthFirst = try american.importText("response_id,copil,demarches,debut\na,oui,cls,9/10/2015\nb,oui,cls,12/25/2015\n")
        #expect(monthFirst.rejected == 0)
        #expect(try american.stored()["a"]?["debut"] == "2015-09-10")
        #expect(try american.stored()["b"]?["debut"] == "2015-12-25")
        #expect(monthFirst.warnings.first?.contains("read month first (mm/dd/yyyy), as the file's other dates prove") == true)
        // --date-order wins; a date that contradicts it is refused and named.
        let told = try ImportFixture()
        let given = try told.importText(
            "response_id,copil,demarches,debut\na,oui,cls,9/10/2015\nb,oui,cls,25/12/2015\n",
            options: Self.options { $0.dateOrder = .mdy })
        #expect(given.rejected == 1)
        #expect(try told.stored()["a"]?["debut"] == "2015-09-10")
        #expect(given.warnings.contains { $0.hasPrefix("1 date(s) can only be read day first and were refused") && $0.contains("--date-order dmy") })
    }

    @Test func aTimeDroppedFromADateIsReported() throws {
        let fixture = try ImportFixture()
        let summary = try fixture.importText(
            "response_id,copil,demarches,debut\na,oui,cls,2024-03-15 10:30\nb,oui,cls,15/03/2024 10:30:00\nc,oui,cls,2024-03-15\n")
        #expect(summary.inserted == 3 && summary.rejected == 0)
        #expect(try fixture.stored().values.allSatisfy { $0["debut"] == "2024-03-15" })
        #expect(
            summary.warnings == [
                "2 date(s) held a time, which was dropped: a date question keeps the day only (first: line 2, column 'debut': 2024-03-15 10:30)"
            ])
    }

    @Test func calculationsThatDifferFromTheSourceAreReported() throws {
        let yaml = """
            id: calc
            version: "1"
            title: Calc
            sections:
              - name: s
                title: S
                questions:
                  - {name: a, type: integer, label: A}
                  - {name: b, type: decimal, label: B}
                  - {name: total, type: calculate, label: Total, calculation: "${a} + ${b}"}
            """
        let fixture = try ImportFixture(survey: try Fixtures.survey(yaml), source: yaml)
        let summary = try fixture.importText("id;a;b;total\nx;1;0,5;1,5\ny;2;2;5\nz;3;1;4\n")
        #expect(summary.inserted == 3)
        #expect(
            summary.warnings == [
                "1 value(s) of calculated columns differ from fabrique's computation, which is what is stored "
                    + "(first: line 3, column 'total': source « 5 », computed « 4 »)"
            ])
        var stored: [String: [String: String]] = [:]
        try fixture.database.forEachResponse(surveyId: "calc") { stored[$0.responseId] = $0.values }
        #expect(stored["y"]?["total"] == "4")
    }

    @Test func aSummaryColumnThatDisagreesWithItsSplitColumnsIsReported() throws {
        let fixture = try ImportFixture()
        let summary = try fixture.importText(
            """
            _uuid,demarches,demarches/cls,demarches/clsm,demarches/asv,copil
            a,cls asv,1,0,1,oui
            b,cls,1,1,0,oui
            c,,0,0,1,oui
            """)
        #expect(summary.inserted == 3)
        #expect(
            summary.warnings == [
                "2 row(s) have a summary column that disagrees with its split columns; the summary column is used when it is filled "
                    + "(first: line 3, column 'demarches': « cls » against « cls clsm » in its split columns)"
            ])
        #expect(try fixture.stored()["b"]?["demarches"] == "cls")
        #expect(try fixture.stored()["c"]?["demarches"] == "asv")
    }

    @Test func notApplicableAndTrueFalseAreUnderstood() throws {
        let fixture = try ImportFixture()
        let summary = try fixture.importText("_uuid,demarches/cls,demarches/clsm,demarches/asv,copil,etp\na,True,False,n/a,oui,n/a\n")
        #expect(summary.inserted == 1 && summary.rejected == 0)
        #expect(try fixture.stored()["a"] == ["demarches": "cls", "copil": "oui"])
        #expect(summary.warnings == ["1 cell(s) holding 'n/a' were read as no answer (first: line 2, column 'etp': n/a)"])
    }
}

import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStats
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// Tables from stored responses: the right counts and groups, filters, and suppression in every output.
struct TableBuilderTests {
    static let yaml = """
        id: t
        version: "1"
        title: T
        choices:
          - list_name: regions
            items: [{value: "11", label: Île-de-France}, {value: "44", label: Grand Est}, {value: "93", label: PACA}]
          - list_name: oui_non
            items: [{value: oui, label: Oui}, {value: non, label: Non}]
          - list_name: demarches
            items: [{value: cls, label: CLS}, {value: clsm, label: CLSM}, {value: asv, label: ASV}]
        sections:
          - name: s
            title: S
            questions:
              - {name: region, type: select_one, label: Région, choices: regions}
              - {name: copil, type: select_one, label: Comité de pilotage, choices: oui_non}
              - {name: demarches, type: select_multiple, label: Démarches, choices: demarches}
              - {name: etp, type: decimal, label: ETP}
        """

    /// 40 responses: Île-de-France 20, Grand Est 17, PACA 3 (a small group).
    static func builder() throws -> (TableBuilder, TemporaryDirectory) {
        let survey = try Fixtures.survey(yaml)
        let database = try AppDatabase.inMemory()
        _ = try database.loadSeeds(
            SeedBundle(
                referential: Referential(regions: [], departements: [], themes: []), codebook: nil,
                surveys: [.init(survey: survey, source: yaml)], experiences: []))
        var lines = ["response_id,region,copil,demarches,etp"]
        for i in 0..<40 {
            let region = i < 20 ? "11" : i < 37 ? "44" : "93"
            let copil = i % 3 == 0 ? "non" : "oui"
            let demarches = i % 4 == 0 ? "cls clsm" : (i % 4 == 1 ? "asv" : "cls")
            let etp = i % 10 == 9 ? "" : String(Double(i % 5) / 2)
            lines.append("r\(i),\(region),\(copil),\(demarches),\(etp)")
        }
        let dir = try TemporaryDirectory()
        try lines.joined(separator: "\n").write(toFile: dir.path("t.csv"), atomically: true, encoding: .utf8)
        _ = try ResponseImporter(database: database, survey: survey).run(
            reader: try CSVReader(path: dir.path("t.csv")), options: ImportOptions(today: Fixtures.today))
        return (TableBuilder(survey: survey, database: database, today: Fixtures.today), dir)
    }

    @Test func frequencyCountsPercentsAndWilsonIntervals() throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        guard case .frequency(_, _, let valid, let missing, let categories, _) = try builder.build(TableRequest(rows: "region")) else {
            Issue.record("not a frequency table")
            return
        }
        #expect((valid, missing) == (40, 0))
        #expect(categories.map(\.value) == ["11", "44", "93"])
        #expect(categories.map(\.n) == [20, 17, 3])
        #expect(categories[0].percent == 50)
        let wilson = try #require(WilsonInterval.interval(count: 17, n: 40))
        #expect(categories[1].ci95?.0 == wilson.lower * 100 && categories[1].ci95?.1 == wilson.upper * 100)
        // 3 is below 5: hidden, and a second category with it so that 40 − 20 − 17 cannot reveal it.
        #expect(categories.map(\.suppressed) == [false, true, true])
    }

    @Test func publishedOutputsShowSuppressionAndJSONKeepsRawValues() throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        let table = try builder.build(TableRequest(rows: "region"))
        let text = PublishedTable(table).text
        #expect(text.contains("< 5"))
        #expect(!text.contains("  3  "))
        #expect(text.contains("Grand Est") && text.contains(" s "))
        let json = try JSONOutput.text(TableJSON(table))
        #expect(json.contains(#"{"value":"93","label":"PACA","n":3,"percent":7.5"#))
        #expect(json.contains(#""suppressed":true"#))
    }

    @Test func crosstabCountsAreOrderedByCodeWithTheChiSquareTest() throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        guard
            case .crosstab(_, _, let rows, let cols, let counts, _, let test, let missing, _) = try builder.build(
                TableRequest(rows: "region", cols: "copil"))
        else {
            Issue.record("not a crosstab")
            return
        }
        #expect(rows.map(\.code) == ["11", "44", "93"] && cols.map(\.code) == ["non", "oui"])
        // Responses i with i % 3 == 0 answered "non": 7 in 0..<20, 6 in 20..<37, 1 in 37..<40.
        #expect(counts == [[7, 13], [6, 11], [1, 2]])
        #expect(missing == 0)
        #expect(test == .pearson(ChiSquareTest(counts)))
    }

    /// A select_multiple puts a response in as many cells as options it chose: no χ² is computed,
    /// the JSON says so with null statistics, and the published table says why.
    @Test func crosstabsOfAMultipleChoiceQuestionCarryNoChiSquare() throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        for request in [TableRequest(rows: "demarches", cols: "region"), TableRequest(rows: "region", cols: "demarches")] {
            let table = try builder.build(request)
            guard case .crosstab(_, _, _, _, let counts, _, let test, _, _) = table else {
                Issue.record("not a crosstab")
                return
            }
            #expect(counts.flatMap { $0 }.reduce(0, +) > 0)
            #expect(test == .multipleChoice(question: "demarches"))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(try JSONOutput.text(TableJSON(table)).utf8)) as? [String: Any])
            #expect(json["test"] as? String == "none")
            #expect(json["chi2"] is NSNull && json["p"] is NSNull)
            let notes = PublishedTable(table).notes
            #expect(notes.contains { $0.hasPrefix("Pas de test du χ² : « demarches » est à choix multiples") })
            #expect(!notes.contains { $0.contains("χ² de Pearson") })
        }
        let single = try builder.build(TableRequest(rows: "region", cols: "copil"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try JSONOutput.text(TableJSON(single)).utf8)) as? [String: Any])
        #expect(json["test"] as? String == "pearson")
        #expect(json["chi2"] is Double)
    }

    @Test func numericQuestionsAreDescribedByGroupAndSmallGroupsHidden() throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        guard case .numeric(_, _, let by, let groups, _) = try builder.build(TableRequest(rows: "etp", by: "region")) else {
            Issue.record("not a numeric table")
            return
        }
        #expect(by == "region")
        #expect(groups.map(\.value) == ["11", "44", "93"])
        let idf = (0..<20).filter { $0 % 10 != 9 }.map { Double($0 % 5) / 2 }
        #expect(groups[0].summary.value == DescriptiveSummary(idf))
        #expect(groups[0].missing == 2)
        #expect(groups[2].suppressed && !groups[0].suppressed)
        // PACA alone hidden could be recovered from the overall mean and n: Grand Est is hidden with it.
        #expect(groups[1].suppressed)
    }

    @Test func filterKeepsMatchingResponsesAndMultiSelectCountsRespondents() throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        guard
            case .multiSelect(_, _, let respondents, _, let responses, let categories, _) =
                try builder.build(TableRequest(rows: "demarches", filter: "${region} = '11'"))
        else {
            Issue.record("not a multi-select table")
            return
        }
        #expect(respondents == 20)
        #expect(categories.map(\.n) == [15, 5, 5])
        #expect(responses == 25)
        #expect(categories[0].percent == 75)
        #expect(categories[0].percentOfResponses == 60)
    }

    @Test func badRequestsSayWhatIsWrong() throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        #expect(throws: TableError.unknownVariable("regions", survey: "t")) { try builder.build(TableRequest(rows: "regions")) }
        #expect(throws: TableError.filterReference("nulle")) { try builder.build(TableRequest(rows: "region", filter: "${nulle} = 1")) }
        #expect(throws: TableError.self) { try builder.build(TableRequest(rows: "region", filter: "${region} = = 1")) }
        #expect(throws: TableError.notCategorical("etp", type: "decimal")) { try builder.build(TableRequest(rows: "region", cols: "etp")) }
    }

    @Test func smallTotalsOfACrosstabAreHiddenToo() throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        let published = PublishedTable(try builder.build(TableRequest(rows: "region", cols: "copil")))
        // PACA: 1 "non" and 2 "oui", total 3: the cells and the total are all hidden.
        let paca = try #require(published.rows.first { $0.first == "PACA" })
        #expect(paca == ["PACA", "< 5", "< 5", "< 5"])
        // With 40 responses published, PACA's total would be 40 − 20 − 17: Grand Est's total is hidden with it.
        #expect(published.rows.first { $0.first == "Grand Est" } == ["Grand Est", "s", "s", "s"])
        #expect(published.rows.last == ["Total", "14", "26", "40"])
    }

    @Test func aSingleRowCrosstabHidesTheTotalsThatWouldRevealACell() throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        // Grand Est alone: its "non" cell (6) is visible, its "oui" cell (11) too; PACA alone hides both cells.
        let paca = PublishedTable(try builder.build(TableRequest(rows: "region", cols: "copil", filter: "${region} = '93'")))
        #expect(paca.rows.last == ["Total", "< 5", "< 5", "< 5"])
        // One row: the small cell (1) is paired with the smallest other (6), and the column totals,
        // equal to those cells, are hidden too; 14 − 7 leaves two unknowns.
        let mixed = PublishedTable(try builder.build(TableRequest(rows: "copil", cols: "region", filter: "${copil} = 'non'")))
        #expect(mixed.rows.first == ["Non", "7", "s", "< 5", "14"])
        #expect(mixed.rows.last == ["Total", "7", "s", "< 5", "14"])
    }

    @Test(
        "the SQL fast path (no filter) and the row path (a filter always true) agree",
        arguments: [
            TableRequest(rows: "region"), TableRequest(rows: "demarches"), TableRequest(rows: "region", cols: "copil"),
            TableRequest(rows: "demarches", cols: "region"), TableRequest(rows: "etp"), TableRequest(rows: "etp", by: "region"),
            TableRequest(rows: "etp", by: "demarches")
        ])
    func fastPathMatchesRowPath(request: TableRequest) throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        var filtered = request
        filtered.filter = "1 = 1"
        #expect(try builder.build(request) == builder.build(filtered))
        // A condition SQLite applies, and the same condition evaluated row by row, agree too.
        var pushed = request
        pushed.filter = "${region} = '44' and ${copil} = 'oui'"
        var evaluated = request
        evaluated.filter = "${region} = '44' and not(${copil} != 'oui')"
        #expect(try builder.build(pushed) == builder.build(evaluated))
    }

    @Test func smallTotalsOfOneWayTablesAreHidden() throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        let published = PublishedTable(try builder.build(TableRequest(rows: "copil", filter: "${region} = '93'")))
        #expect(published.rows.last == ["Total des réponses valides", "< 5", "100,0", ""])
        #expect(!published.notes.joined().contains(" 3 "))
        // The partner of a small group shows "s" for its n, not a false "< 5".
        let numeric = PublishedTable(try builder.build(TableRequest(rows: "etp", by: "region")))
        #expect(numeric.rows.map { $0[1] } == ["18", "s", "< 5"])
    }

    @Test func likertMeansAreHiddenWhenACellIsHidden() {
        let scale = [("1", "Non"), ("2", "Plutôt non"), ("3", "Plutôt oui"), ("4", "Oui")].map { (code: $0.0, label: $0.1) }
        let values: [Double?] = Array(repeating: 1, count: 2) + Array(repeating: 3, count: 10) + Array(repeating: 4, count: 12)
        let summary = LikertSummary(values, scale: [1, 2, 3, 4])
        let hidden = SmallCellSuppression.mask(summary.distribution)
        let table = StatTable.likert(scale: scale, items: [(name: "a", label: "A", summary: summary, suppressed: hidden)], threshold: 5)
        let row = PublishedTable(table).rows[0]
        #expect(row.contains("< 5"))
        #expect(row.suffix(2) == ["s", "s"])
    }

    @Test func anUnknownRegionIsAnError() throws {
        let (builder, dir) = try Self.builder()
        _ = dir
        let spec = try AnalysisSpec.parse(
            """
            id: t
            survey: t
            title: T
            tables:
              - {id: r, kind: frequency, variables: [copil], title: Copil}
            """, file: "t.yaml", survey: builder.survey)
        #expect(throws: TableError.unknownRegion("99", known: ["11", "44", "93"])) {
            try AnalysisRunner(spec: spec, builder: builder).run(region: "99")
        }
        #expect(throws: SourceProblems.self) {
            try AnalysisSpec.parse(
                "id: t\nsurvey: t\ntitle: T\ntables:\n  - {id: c, kind: crosstab, variables: [region, copil], by: region, title: C}\n",
                file: "t.yaml", survey: builder.survey)
        }
    }
}

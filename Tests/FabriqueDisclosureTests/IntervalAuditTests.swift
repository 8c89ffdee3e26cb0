import FabriqueDisclosure
import Foundation
import Testing

/// The audit's intervals against scipy's `linprog` (HiGHS) on the same published tables
/// (Fixtures/make_intervals.py, whose output is Fixtures/intervals.json): small tables whose attacks
/// are known (a lone hidden cell, the greedy pattern of docs/tables.md, two small cells per line
/// that their marks pin, a multi-select table), and generated tables with generated patterns.
struct IntervalAuditTests {
    struct Case: Decodable {
        struct Cell: Decodable {
            var id: String
            var value: Double
            var hidden: Bool
            var known: [Double?]
        }
        struct Relation: Decodable {
            var terms: [String: Double]
            var atMost: Bool
        }
        var name: String
        var cells: [Cell]
        var relations: [Relation]
        var proven: [String: [Double?]]
        var known: [String: [Double?]]

        var publication: Publication {
            var publication = Publication()
            for cell in cells {
                publication.add(
                    Publication.Cell(
                        table: name, scope: "FR", row: cell.id, col: "", value: cell.value, status: cell.hidden ? .primary : .published,
                        whenHidden: Publication.Range(cell.known[0] ?? 0, cell.known[1])))
            }
            for relation in relations {
                let terms = relation.terms.sorted { Int($0.key)! < Int($1.key)! }
                publication.relate(
                    Publication.Relation(terms.map { Publication.Term(cell: Int($0.key)!, coefficient: $0.value) }, atMost: relation.atMost))
            }
            return publication
        }
    }

    static let cases: [Case] = {
        let url = Bundle.module.url(forResource: "Fixtures/intervals", withExtension: "json")!
        return try! JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }()

    @Test(arguments: cases.map(\.name))
    func intervalsMatchHiGHS(_ name: String) throws {
        let fixture = try #require(Self.cases.first { $0.name == name })
        let audit = IntervalAudit(fixture.publication)
        for (cell, expected) in fixture.proven {
            let interval = try #require(audit.proven[Int(cell)!])
            #expect([interval.lower, interval.upper] == expected, "\(name), cell \(fixture.cells[Int(cell)!].id): proven")
        }
        for (cell, expected) in fixture.known {
            let interval = try #require(audit.known[Int(cell)!])
            #expect([interval.lower, interval.upper] == expected, "\(name), cell \(fixture.cells[Int(cell)!].id): with the marks")
        }
        #expect(audit.proven.count == fixture.proven.count)
    }

    @Test func loneHiddenCellIsRecomputable() throws {
        let fixture = try #require(Self.cases.first { $0.name == "lone-hidden" })
        let audit = IntervalAudit(fixture.publication)
        #expect(audit.findings.map(\.cell) == [0])
        #expect(audit.findings.first?.rule.hasPrefix("recomputable") == true)
    }

    @Test func marksPinTwoSmallCellsPerLine() throws {
        // Without the marks each "< 5" lies in 0…2; with them ("at least 1"), each is exactly 1.
        let fixture = try #require(Self.cases.first { $0.name == "two-ones" })
        let audit = IntervalAudit(fixture.publication)
        #expect(audit.proven[0] == IntervalAudit.Interval(0, 2))
        #expect(audit.findings.count == 4)
    }

    @Test func unboundedCellHasNoUpperBound() {
        var publication = Publication()
        let a = publication.add(Publication.Cell(table: "t", scope: "FR", row: "a", col: "", value: 3, status: .primary))
        let b = publication.add(Publication.Cell(table: "t", scope: "FR", row: "b", col: "", value: 8, status: .secondary))
        let total = publication.add(Publication.Cell(table: "t", scope: "FR", row: "total", col: "", value: 11, status: .secondary))
        publication.relate(.sum([a, b], equals: total))
        let audit = IntervalAudit(publication)
        #expect(audit.proven[a] == IntervalAudit.Interval(0, nil))
        #expect(audit.findings.isEmpty)
    }
}

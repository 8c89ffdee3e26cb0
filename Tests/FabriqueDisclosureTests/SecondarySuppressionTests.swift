import FabriqueCore
import FabriqueDisclosure
import FabriqueStats
import Testing

/// Secondary suppression by GLPK against the greedy rule it replaces (`SmallCellSuppression`):
/// safe where the greedy pattern is not, never more cells where the greedy one is safe, and the
/// same pattern on every run.
struct SecondarySuppressionTests {
    /// A table with its margins, primary cells hidden, and the greedy pattern applied when asked.
    static func table(_ counts: [[Int]], rules: DisclosureRules = DisclosureRules(), greedy: Bool = false) -> Publication {
        var publication = Publication()
        let cells = publication.addTable(
            "t", scope: "FR", rows: counts.indices.map { "r\($0)" }, cols: counts[0].indices.map { "c\($0)" }, counts: counts, rules: rules,
            totalCost: 1)
        if greedy {
            let mask = SmallCellSuppression.mask(counts, threshold: rules.threshold)
            for (i, row) in mask.enumerated() {
                for (j, hidden) in row.enumerated() where hidden && publication.cells[cells.cells[i][j]].status == .published {
                    publication.setStatus(.secondary, of: cells.cells[i][j])
                }
            }
        }
        return publication
    }

    static func hiddenCount(_ publication: Publication) -> Int { publication.cells.filter(\.hidden).count }

    @Test func protectsWhereTheGreedyPatternDoesNot() {
        // Each line of the greedy pattern hides two cells, yet "at least 1" pins all four small counts.
        let counts = [[1, 1, 20], [1, 1, 20]]
        #expect(!IntervalAudit(Self.table(counts, greedy: true)).findings.isEmpty)
        let protected = SecondarySuppression.protect(Self.table(counts))
        #expect(IntervalAudit(protected).findings.isEmpty)
    }

    @Test func docsExampleIsSafeAndNoLarger() {
        let counts = [[7, 3, 10], [8, 15, 2], [20, 9, 14]]
        let greedy = Self.table(counts, greedy: true)
        let protected = SecondarySuppression.protect(Self.table(counts))
        #expect(IntervalAudit(protected).findings.isEmpty)
        #expect(Self.hiddenCount(protected) <= Self.hiddenCount(greedy))
    }

    /// Generated tables: wherever the greedy pattern passes the audit, the solver's pattern hides
    /// no more cells (it is the least-cost pattern, all cells costing the same here), and on some
    /// it hides fewer; every solver pattern passes the audit.
    @Test func neverMoreCellsThanASafeGreedyPattern() {
        var generator = SeededRandom(seed: 7)
        var fewer = 0
        var compared = 0
        for _ in 0..<40 {
            let rows = 2 + Int(generator.next() % 3)
            let cols = 2 + Int(generator.next() % 4)
            let values = [0, 1, 2, 3, 4, 6, 8, 12, 20, 35]
            let counts = (0..<rows).map { _ in (0..<cols).map { _ in values[Int(generator.next() % UInt64(values.count))] } }
            let protected = SecondarySuppression.protect(Self.table(counts))
            #expect(IntervalAudit(protected).findings.isEmpty, "\(counts)")
            let greedy = Self.table(counts, greedy: true)
            guard IntervalAudit(greedy).findings.isEmpty else { continue }
            compared += 1
            #expect(Self.hiddenCount(protected) <= Self.hiddenCount(greedy), "\(counts)")
            if Self.hiddenCount(protected) < Self.hiddenCount(greedy) { fewer += 1 }
        }
        #expect(compared > 5)
        #expect(fewer > 0)
    }

    @Test func samePatternOnEveryRun() {
        let counts = [[3, 12, 7, 2], [9, 4, 15, 11], [6, 18, 1, 8], [14, 5, 9, 3]]
        let first = SecondarySuppression.protect(Self.table(counts)).cells.map(\.status)
        for _ in 0..<5 { #expect(SecondarySuppression.protect(Self.table(counts)).cells.map(\.status) == first) }
        #expect(first.contains(.secondary))
    }

    @Test func protectionIntervalIsHonoured() {
        // A 4 needs an interval at least 2 wide at 30 %, 4 wide at 100 %.
        for protection in [30.0, 100.0] {
            let rules = DisclosureRules(protection: protection)
            let protected = SecondarySuppression.protect(Self.table([[4, 9, 30], [11, 6, 25], [7, 14, 40]], rules: rules))
            let audit = IntervalAudit(protected)
            #expect(audit.findings.isEmpty)
            let interval = audit.known[0]!
            #expect((interval.upper ?? .infinity) - interval.lower >= (4 * protection / 100).rounded(.up))
        }
    }

    @Test func dominanceMakesAMagnitudeSensitive() {
        let rules = DisclosureRules()
        let dominated = rules.magnitude(table: "t", scope: "FR", row: "a", col: "", contributions: [900, 50, 40, 10])
        #expect(dominated.status == .primary)
        #expect(dominated.protection?.lower == 300)
        let spread = rules.magnitude(table: "t", scope: "FR", row: "a", col: "", contributions: [400, 300, 300])
        #expect(spread.status == .published)
        let few = rules.magnitude(table: "t", scope: "FR", row: "a", col: "", contributions: [400, 300])
        #expect(few.status == .primary)
        // Regions' budgets under France's published total: the dominated one needs a partner
        // large enough to hide 30 % of it either way.
        var publication = Publication()
        let sums = [[900.0, 50, 40, 10], [120, 110, 100], [500, 450, 400, 380], [90, 80, 70]]
        let cells = sums.enumerated().map { publication.add(rules.magnitude(table: "t", scope: "r\($0)", row: "r\($0)", col: "", contributions: $1)) }
        let france = publication.add(
            Publication.Cell(table: "t", scope: "FR", row: "FR", col: "", value: sums.flatMap { $0 }.reduce(0, +), hideable: false))
        publication.relate(.sum(cells, equals: france))
        let protected = SecondarySuppression.protect(publication)
        let audit = IntervalAudit(protected)
        #expect(audit.findings.isEmpty)
        // One partner suffices if it can hide 300 either way: region 3 (240) cannot.
        #expect(protected.cells.filter { $0.status == .secondary }.count == 1)
        #expect(protected.cells[cells[3]].status == .published)
    }
}

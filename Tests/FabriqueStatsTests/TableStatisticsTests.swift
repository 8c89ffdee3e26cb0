import FabriqueStats
import Foundation
import Testing

/// Table statistics against values computed by scipy and statsmodels
/// (Fixtures/make_stats_fixtures.py, whose output is Fixtures/stats.json), to a relative 1e-9.
struct TableStatisticsTests {
    struct Fixture: Decodable {
        struct Wilson: Decodable {
            var name: String
            var count: Int
            var n: Int
            var lower: Double
            var upper: Double
        }
        struct Chi2: Decodable {
            var name: String
            var table: [[Int]]
            var chi2: Double
            var df: Int
            var p: Double
            var cramersV: Double
            var expectedBelow5Share: Double
            var fisherP: Double?
            var expected: [[Double]]
        }
        struct Survival: Decodable {
            var x: Double
            var df: Int
            var p: Double
        }
        struct Descriptive: Decodable {
            var name: String
            var values: [Double]
            var n: Int
            var mean: Double
            var sd: Double?
            var median: Double
            var q1: Double
            var q3: Double
            var min: Double
            var max: Double
            var ci95: [Double]?
        }
        struct Likert: Decodable {
            var name: String
            var values: [Double?]
            var scale: [Double]
            var distribution: [Int]
            var mean: Double?
            var top2Percent: Double?
            var n: Int
            var missing: Int
        }
        struct TQuantile: Decodable {
            var df: Double
            var q: Double
            var t: Double
        }
        var wilson: [Wilson]
        var chi2: [Chi2]
        var chi2sf: [Survival]
        var descriptive: [Descriptive]
        var likert: [Likert]
        var ttable: [TQuantile]
    }

    static let fixture: Fixture = {
        let url = Bundle.module.url(forResource: "Fixtures/stats", withExtension: "json")!
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    static func close(_ a: Double?, _ b: Double?, relative: Double = 1e-9, absolute: Double = 0) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return abs(x - y) <= max(absolute, relative * abs(y))
        default: return false
        }
    }

    @Test func wilsonIntervalsMatchStatsmodels() {
        for c in Self.fixture.wilson {
            let interval = WilsonInterval.interval(count: c.count, n: c.n)
            // statsmodels leaves rounding noise (1e-17) where the exact bound is 0 or 1.
            #expect(Self.close(interval?.lower, c.lower, absolute: 1e-12), "\(c.name)")
            #expect(Self.close(interval?.upper, c.upper, absolute: 1e-12), "\(c.name)")
        }
    }

    @Test func chiSquareCramersVAndFisherMatchScipy() {
        for c in Self.fixture.chi2 {
            let test = ChiSquareTest(c.table)
            #expect(Self.close(test.statistic, c.chi2), "\(c.name) chi2")
            #expect(test.degreesOfFreedom == c.df, "\(c.name) df")
            #expect(Self.close(test.p, c.p), "\(c.name) p \(test.p ?? -1) vs \(c.p)")
            #expect(Self.close(test.cramersV, c.cramersV), "\(c.name) V")
            #expect(Self.close(test.expectedBelow5Share, c.expectedBelow5Share), "\(c.name) expected < 5")
            #expect(Self.close(test.fisherP, c.fisherP), "\(c.name) Fisher \(test.fisherP ?? -1) vs \(c.fisherP ?? -1)")
        }
    }

    @Test func chiSquareTailMatchesScipyDownTo1e300() {
        for c in Self.fixture.chi2sf {
            #expect(Self.close(Distributions.chiSquareSurvival(c.x, degreesOfFreedom: c.df), c.p), "x \(c.x) df \(c.df)")
        }
    }

    @Test func studentQuantilesMatchScipy() {
        for c in Self.fixture.ttable {
            #expect(Self.close(Distributions.studentTQuantile(c.q, degreesOfFreedom: c.df), c.t), "df \(c.df)")
        }
    }

    @Test func descriptiveStatisticsMatchNumpyAndScipy() {
        for c in Self.fixture.descriptive {
            let s = DescriptiveSummary(c.values)
            #expect(s.n == c.n, "\(c.name)")
            #expect(Self.close(s.mean, c.mean), "\(c.name) mean")
            #expect(Self.close(s.sd, c.sd), "\(c.name) sd")
            #expect(Self.close(s.median, c.median) && Self.close(s.q1, c.q1) && Self.close(s.q3, c.q3), "\(c.name) quartiles")
            #expect(s.min == c.min && s.max == c.max, "\(c.name) range")
            #expect(Self.close(s.ci95?.0, c.ci95?[0]) && Self.close(s.ci95?.1, c.ci95?[1]), "\(c.name) ci")
        }
    }

    @Test func likertSummariesMatchTheReference() {
        for c in Self.fixture.likert {
            let s = LikertSummary(c.values, scale: c.scale)
            #expect(s.distribution == c.distribution && s.n == c.n && s.missing == c.missing, "\(c.name)")
            #expect(Self.close(s.mean, c.mean) && Self.close(s.top2Percent, c.top2Percent), "\(c.name)")
        }
    }

    @Test func edgeCases() {
        // An empty group, all missing, a single category, zero cells, a df of 0.
        #expect(DescriptiveSummary([]).mean == nil)
        let allMissing = FrequencyTable([nil, nil], categories: ["a", "b"])
        #expect(allMissing.valid == 0 && allMissing.missing == 2 && allMissing.rows.map(\.count) == [0, 0])
        let single = FrequencyTable(["a", "a", nil], categories: ["a"])
        #expect(single.rows.first?.percent == 100 && single.missing == 1)
        let oneColumn = ChiSquareTest([[3], [4]])
        #expect(oneColumn.degreesOfFreedom == 0 && oneColumn.p == nil && oneColumn.cramersV == nil)
        let zeroRow = ChiSquareTest([[5, 3], [0, 0], [2, 7]])
        #expect(zeroRow.degreesOfFreedom == 1)
        #expect(ChiSquareTest([[0, 0], [0, 0]]).p == nil)
    }

    @Test func frequencyTablePercentsAndIntervals() {
        let table = FrequencyTable(["cls", "clsm", "cls", nil, "asv", "cls"], categories: ["cls", "clsm", "asv"])
        #expect(table.valid == 5 && table.missing == 1)
        #expect(table.rows.map(\.count) == [3, 1, 1])
        #expect(table.rows[0].percent == 60)
        let wilson = WilsonInterval.interval(count: 3, n: 5)!
        #expect(table.rows[0].ci95.0 == wilson.lower * 100 && table.rows[0].ci95.1 == wilson.upper * 100)
    }
}

/// Suppression: no hidden count can be recomputed from the published totals.
struct SmallCellSuppressionTests {
    /// Whether a hidden cell's value is determined by the visible cells and the totals: true when it
    /// is the only hidden cell of a line that still shows another positive cell (a line with no
    /// other positive cell has its total hidden when published).
    static func recomputable(_ hidden: [[Bool]], _ counts: [[Int]]) -> Bool {
        for (i, row) in hidden.enumerated() where row.filter({ $0 }).count == 1 && row.indices.contains(where: { !row[$0] && counts[i][$0] > 0 }) {
            return true
        }
        let columns = hidden.first?.count ?? 0
        for j in 0..<columns where hidden.filter({ $0[j] }).count == 1 && hidden.indices.contains(where: { !hidden[$0][j] && counts[$0][j] > 0 }) {
            return true
        }
        return false
    }

    @Test func smallCellsAndTheirComplementsAreHidden() {
        let counts = [[12, 3, 20], [15, 14, 30], [9, 25, 2]]
        let hidden = SmallCellSuppression.mask(counts)
        #expect(hidden[0][1] && hidden[2][2])
        #expect(!Self.recomputable(hidden, counts))
        // The two primaries protect each other through two complements: four hidden cells in all.
        #expect(hidden == [[false, true, true], [false, false, false], [false, true, true]])
    }

    @Test func oneWayTablesHideASecondCategory() {
        let hidden = SmallCellSuppression.mask([40, 3, 22, 17])
        #expect(hidden == [false, true, false, true])
        #expect(SmallCellSuppression.mask([40, 30]) == [false, false])
        #expect(SmallCellSuppression.mask([40, 0, 22], threshold: 5) == [false, false, false])
        // Nothing positive to pair with: the single hidden cell stays alone (its total is hidden when published).
        #expect(SmallCellSuppression.mask([3, 0, 0]) == [true, false, false])
    }

    @Test func randomTablesNeverLeakAHiddenCell() {
        var state: UInt64 = 99
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<2000 {
            let rows = 1 + next(5)
            let columns = 2 + next(5)
            let counts = (0..<rows).map { _ in (0..<columns).map { _ in next(4) == 0 ? next(5) : next(60) } }
            let hidden = SmallCellSuppression.mask(counts, threshold: 5)
            #expect(!Self.recomputable(hidden, counts), "\(counts)")
            for i in 0..<rows { for j in 0..<columns where hidden[i][j] { #expect(counts[i][j] > 0, "a zero is never hidden") } }
            for i in 0..<rows { for j in 0..<columns where counts[i][j] > 0 && counts[i][j] < 5 { #expect(hidden[i][j]) } }
        }
    }
}

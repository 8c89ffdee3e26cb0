import Foundation

/// Pearson's chi-square test of independence on a contingency table, with Cramér's V, the share of
/// expected counts below 5, and Fisher's exact test for 2×2 tables.
public struct ChiSquareTest: Sendable, Equatable {
    public var statistic: Double
    public var degreesOfFreedom: Int
    /// Nil when the test is undefined (a zero margin or df of 0).
    public var p: Double?
    public var cramersV: Double?
    /// The share of cells whose expected count is below 5; above 0.2 the test is unreliable.
    public var expectedBelow5Share: Double
    public var expected: [[Double]]
    /// Two-sided Fisher's exact p for 2×2 tables, else nil.
    public var fisherP: Double?

    /// Tests a table of counts (rows × columns). Rows and columns whose total is 0 are left out.
    public init(_ table: [[Int]]) {
        let kept = table.filter { $0.reduce(0, +) > 0 }
        let columnCount = kept.first?.count ?? 0
        let keptColumns = (0..<columnCount).filter { j in kept.contains { $0[j] > 0 } }
        let counts = kept.map { row in keptColumns.map { Double(row[$0]) } }
        let rows = counts.map { $0.reduce(0, +) }
        let columns = keptColumns.indices.map { j in counts.reduce(0) { $0 + $1[j] } }
        let total = rows.reduce(0, +)
        expected = rows.map { r in columns.map { c in total > 0 ? r * c / total : 0 } }
        var statistic = 0.0
        for i in counts.indices {
            for j in counts[i].indices where expected[i][j] > 0 {
                let d = counts[i][j] - expected[i][j]
                statistic += d * d / expected[i][j]
            }
        }
        self.statistic = statistic
        degreesOfFreedom = rows.count > 1 && columns.count > 1 ? (rows.count - 1) * (columns.count - 1) : 0
        let cells = expected.flatMap { $0 }
        expectedBelow5Share = cells.isEmpty ? 0 : Double(cells.filter { $0 < 5 }.count) / Double(cells.count)
        p = degreesOfFreedom > 0 ? Distributions.chiSquareSurvival(statistic, degreesOfFreedom: degreesOfFreedom) : nil
        let smaller = min(rows.count, columns.count) - 1
        cramersV = smaller > 0 && total > 0 ? (statistic / (total * Double(smaller))).squareRoot() : nil
        fisherP = table.count == 2 && table.allSatisfy({ $0.count == 2 }) ? FisherExact.twoSided(table) : nil
    }
}

/// Fisher's exact test on a 2×2 table: the sum of the hypergeometric probabilities of every table
/// with the same margins that is no more likely than the one observed (as scipy does).
public enum FisherExact {
    public static func twoSided(_ table: [[Int]]) -> Double? {
        let a = table[0][0]
        let b = table[0][1]
        let c = table[1][0]
        let d = table[1][1]
        let row1 = a + b
        let col1 = a + c
        let n = a + b + c + d
        guard n > 0 else { return nil }
        func logProbability(_ x: Int) -> Double {
            logChoose(col1, x) + logChoose(n - col1, row1 - x) - logChoose(n, row1)
        }
        let low = max(0, row1 + col1 - n)
        let high = min(row1, col1)
        let observed = logProbability(a)
        // A relative tolerance keeps tables as likely as the observed one despite rounding.
        let threshold = observed + log1p(1e-7)
        var total = 0.0
        for x in low...high {
            let lp = logProbability(x)
            if lp <= threshold { total += exp(lp) }
        }
        return min(1, total)
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}

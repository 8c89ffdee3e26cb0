/// The rules a publication follows, from the analysis spec (`threshold`, `protection`, `dominance`,
/// `min_contributors`), with the defaults docs/tables.md explains.
public struct DisclosureRules: Sendable, Equatable {
    /// Counts from 1 to `threshold − 1` are hidden (frequency rule).
    public var threshold: Int
    /// The protection interval, as a percentage of the cell: for a count, the interval a reader can
    /// prove must be at least this wide (and never a single value); for a magnitude (a sum of
    /// amounts), it must reach this far on each side of the value.
    public var protection: Double
    /// The dominance rule (n, k): a magnitude cell is sensitive when its `n` largest contributors
    /// hold `k` % of it or more.
    public var dominanceN: Int
    public var dominanceK: Double
    /// A magnitude cell with fewer contributors is sensitive.
    public var minContributors: Int

    public static let defaultThreshold = 5
    public static let defaultProtection = 30.0
    public static let defaultDominance = (n: 1, k: 85.0)
    public static let defaultMinContributors = 3

    public init(
        threshold: Int = defaultThreshold, protection: Double = defaultProtection, dominanceN: Int = defaultDominance.n,
        dominanceK: Double = defaultDominance.k, minContributors: Int = defaultMinContributors
    ) {
        (self.threshold, self.protection, self.dominanceN, self.dominanceK) = (threshold, protection, dominanceN, dominanceK)
        self.minContributors = minContributors
    }

    /// A count cell under the frequency rule. Every hidden count is printed "s", small or not: a
    /// distinct "< 5" would tell a reader that the cell is at most 4, and a small total over small
    /// cells (France's "< 5" over four regions' "< 5") would then give every cell back. A zero is
    /// published and never hidden, so "s" means "at least 1".
    public func count(table: String, scope: String, row: String, col: String, value: Int, cost: Double = 1) -> Publication.Cell {
        var cell = Publication.Cell(
            table: table, scope: scope, row: row, col: col, value: Double(value), hideable: value > 0, cost: cost, whenHidden: Publication.Range(1))
        if value > 0, value < threshold {
            cell.status = .primary
            let width = max(1, (Double(value) * protection / 100).rounded(.up))
            cell.protection = Publication.Protection(rule: "frequency rule (threshold \(threshold))", width: width)
        }
        return cell
    }

    /// A magnitude cell (the sum of non-negative contributions) under the contributor and
    /// dominance rules.
    public func magnitude(table: String, scope: String, row: String, col: String, contributions: [Double], cost: Double = 1) -> Publication.Cell {
        magnitude(
            table: table, scope: scope, row: row, col: col, total: contributions.reduce(0, +), count: contributions.count,
            largest: contributions.sorted(by: >), cost: cost)
    }

    /// The same from a summary: the total, the number of contributions and the largest ones
    /// (largest first, at least `dominanceN` of them when there are that many).
    public func magnitude(
        table: String, scope: String, row: String, col: String, total: Double, count: Int, largest: [Double], cost: Double = 1
    ) -> Publication.Cell {
        var cell = Publication.Cell(table: table, scope: scope, row: row, col: col, value: total, hideable: count > 0, cost: cost)
        guard count > 0 else { return cell }
        let top = largest.prefix(dominanceN).reduce(0, +)
        let rule: String? =
            count < minContributors
            ? "fewer than \(minContributors) contributors"
            : total > 0 && top / total * 100 >= dominanceK ? "dominance (\(dominanceN), \(Publication.format(dominanceK)))" : nil
        if let rule {
            cell.status = .primary
            let level = total * protection / 100
            cell.protection = Publication.Protection(rule: rule, lower: level, upper: level, width: 2 * level)
        }
        return cell
    }
}

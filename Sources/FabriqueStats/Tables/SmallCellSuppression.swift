/// Small-cell suppression for published tables. Counts from 1 to `threshold − 1` are hidden
/// (primary suppression). Then, so that no hidden count can be recomputed from a published total,
/// every row and column that hides one cell hides at least a second (secondary suppression): the
/// smallest visible positive cell of that line (when the line has none, its total must be hidden).
public enum SmallCellSuppression {
    /// The default: counts 1–4 are shown as "< 5".
    public static let defaultThreshold = 5

    /// Which cells of a table (rows × columns) to hide. Totals stay published.
    public static func mask(_ counts: [[Int]], threshold: Int = defaultThreshold) -> [[Bool]] {
        var hidden = counts.map { $0.map { $0 > 0 && $0 < threshold } }
        guard hidden.contains(where: { $0.contains(true) }) else { return hidden }
        let rowCount = counts.count
        let columnCount = counts.first?.count ?? 0
        var changed = true
        while changed {
            changed = false
            for i in 0..<rowCount where hidden[i].filter({ $0 }).count == 1 && columnCount > 1 {
                let columnNeeds = (0..<columnCount).map { j in (0..<rowCount).filter { hidden[$0][j] }.count == 1 }
                if let j = pick((0..<columnCount).map { (counts[i][$0], hidden[i][$0], $0, columnNeeds[$0]) }) {
                    hidden[i][j] = true
                    changed = true
                }
            }
            for j in 0..<columnCount where (0..<rowCount).filter({ hidden[$0][j] }).count == 1 && rowCount > 1 {
                let rowNeeds = (0..<rowCount).map { i in hidden[i].filter { $0 }.count == 1 }
                if let i = pick((0..<rowCount).map { (counts[$0][j], hidden[$0][j], $0, rowNeeds[$0]) }) {
                    hidden[i][j] = true
                    changed = true
                }
            }
        }
        return hidden
    }

    /// The visible cell to hide next in a line: preferably one whose crossing line also needs a
    /// second hidden cell (one cell then protects both), then the smallest positive count. Never a
    /// zero: a hidden zero would make "s" mean "0 or at least 5". A line with no positive cell left
    /// keeps its single hidden cell, and its total is hidden instead (see the published tables).
    private static func pick(_ line: [(count: Int, hidden: Bool, index: Int, crossNeeds: Bool)]) -> Int? {
        let visible = line.filter { !$0.hidden && $0.count > 0 }
        func key(_ cell: (count: Int, hidden: Bool, index: Int, crossNeeds: Bool)) -> (Int, Int, Int, Int) {
            (cell.crossNeeds ? 0 : 1, cell.count > 0 ? 0 : 1, cell.count, cell.index)
        }
        return visible.min { key($0) < key($1) }?.index
    }

    /// A one-way table (frequencies) as a single row.
    public static func mask(_ counts: [Int], threshold: Int = defaultThreshold) -> [Bool] {
        mask([counts], threshold: threshold)[0]
    }
}

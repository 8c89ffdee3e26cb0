extension Publication {
    /// The cell indices of a two-way count table: its cells, row totals, column totals and grand total.
    public struct TableCells: Sendable {
        public var cells: [[Int]]
        public var rowTotals: [Int]
        public var columnTotals: [Int]
        public var grandTotal: Int
    }

    /// Adds a two-way count table with its margins, under the frequency rule, and the relations
    /// between them. Totals cost half a cell: hiding them loses less than hiding an answer.
    @discardableResult
    public mutating func addTable(
        _ table: String, scope: String, rows: [String], cols: [String], counts: [[Int]], rules: DisclosureRules, totalCost: Double = 0.5
    ) -> TableCells {
        let total = "Total"
        let cells = rows.indices.map { i in
            cols.indices.map { j in add(rules.count(table: table, scope: scope, row: rows[i], col: cols[j], value: counts[i][j])) }
        }
        let rowTotals = rows.indices.map { i in
            add(rules.count(table: table, scope: scope, row: rows[i], col: total, value: counts[i].reduce(0, +), cost: totalCost))
        }
        let columnTotals = cols.indices.map { j in
            add(rules.count(table: table, scope: scope, row: total, col: cols[j], value: counts.reduce(0) { $0 + $1[j] }, cost: totalCost))
        }
        let grand = add(
            rules.count(table: table, scope: scope, row: total, col: total, value: counts.reduce(0) { $0 + $1.reduce(0, +) }, cost: totalCost))
        for i in rows.indices { relate(.sum(cells[i], equals: rowTotals[i])) }
        for j in cols.indices { relate(.sum(cells.map { $0[j] }, equals: columnTotals[j])) }
        relate(.sum(rowTotals, equals: grand))
        return TableCells(cells: cells, rowTotals: rowTotals, columnTotals: columnTotals, grandTotal: grand)
    }

    /// A number as messages print it: whole numbers without a decimal point.
    public static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

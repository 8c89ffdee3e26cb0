import FabriqueCore
import FabriqueDisclosure
import Foundation

/// `fabrique report audit`: every cell of everything a report run would publish, with the interval
/// a reader can prove for each hidden one from all the published figures together, and the cells
/// whose interval breaks their rule. Raw values: for the team only, like the JSON of `table`.
/// `JSONOutput`'s line style writes a nil `upper` as `null`, so every key is always present.
public struct DisclosureAudit: Sendable, Encodable {
    public struct Table: Sendable, Encodable {
        public var id: String
        public var title: String
        public var scope: String
        public var cells: [Cell]
    }

    public struct Cell: Sendable, Encodable {
        public var row: String
        public var col: String
        public var value: Double
        public var status: String
        /// The interval proven from the published figures (published cells fixed, hidden ones
        /// non-negative); a published cell's value; nil upper: unbounded.
        public var lower: Double
        public var upper: Double?

    }

    public struct Unsafe: Sendable, Encodable {
        public var table: String
        public var scope: String
        public var row: String
        public var col: String
        /// The interval with the marks taken into account ("s" is at least 1), on which the rule is judged.
        public var lower: Double
        public var upper: Double?
        public var rule: String

    }

    public var tables: [Table]
    public var unsafe: [Unsafe]
    public var suppressed: Int
    public var published: Int

    /// The audit of a run's publication; `region` keeps what that region's report shows (its
    /// own cells and France's).
    init(_ publication: Publication, _ audit: IntervalAudit, titles: [String: String], region: String?) {
        var order: [String] = []
        var byTable: [String: Table] = [:]
        func keep(_ scope: String) -> Bool { region == nil || scope == region || scope == RunPublication.france }
        for (index, cell) in publication.cells.enumerated() where keep(cell.scope) {
            let key = "\(cell.table)\u{1F}\(cell.scope)"
            if byTable[key] == nil {
                order.append(key)
                byTable[key] = Table(id: cell.table, title: titles[cell.table] ?? cell.table, scope: cell.scope, cells: [])
            }
            let interval = audit.proven[index] ?? IntervalAudit.Interval(cell.value, cell.value)
            byTable[key]!.cells.append(
                Cell(row: cell.row, col: cell.col, value: cell.value, status: cell.status.rawValue, lower: interval.lower, upper: interval.upper))
        }
        tables = order.map { byTable[$0]! }
        unsafe = audit.findings.compactMap { finding in
            let cell = publication.cells[finding.cell]
            guard keep(cell.scope) else { return nil }
            return Unsafe(
                table: cell.table, scope: cell.scope, row: cell.row, col: cell.col, lower: finding.interval.lower, upper: finding.interval.upper,
                rule: finding.rule)
        }
        let kept = publication.cells.filter { keep($0.scope) }
        suppressed = kept.filter(\.hidden).count
        published = kept.count - suppressed
    }

    /// The findings as a message: each unsafe cell named by its table, scope, row and column.
    public var unsafeDescription: String {
        unsafe.map { u in
            "table '\(u.table)' (\(u.scope)), row '\(u.row)', column '\(u.col)': "
                + "[\(Publication.format(u.lower)), \(u.upper.map(Publication.format) ?? "∞")] — \(u.rule)"
        }.joined(separator: "\n")
    }
}

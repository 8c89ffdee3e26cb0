/// Everything published together, as a reader holding every table sees it: the cells with their
/// true values, which of them are hidden, what the mark of a hidden cell says of it, and the linear
/// relations that hold between cells (a total is the sum of its parts; a multi-select option is
/// chosen by at most all the respondents). Secondary suppression and the audit both work on it.
public struct Publication: Sendable {
    /// How a cell is published.
    public enum Status: String, Sendable, Codable {
        /// Its value is printed.
        case published
        /// Hidden because it breaks a rule itself.
        case primary
        /// Hidden so that no primary cell can be recomputed.
        case secondary
    }

    /// What a reader learns of a hidden cell from the publication itself, beyond the relations: a
    /// count shown "< 5" lies in 1…4, a count shown "s" is at least 5 (zeros are never hidden), a
    /// cell never printed at all (a withheld region's) is only non-negative.
    public struct Range: Sendable, Equatable {
        public var low: Double
        public var high: Double?

        public init(_ low: Double, _ high: Double? = nil) {
            (self.low, self.high) = (low, high)
        }
    }

    /// The protection a sensitive cell needs: the interval a reader can prove must reach `lower`
    /// below the value and `upper` above it, and be at least `width` wide (τ-ARGUS's lower,
    /// upper and sliding protection levels). `rule` says which rule made the cell sensitive.
    public struct Protection: Sendable, Equatable {
        public var rule: String
        public var lower: Double
        public var upper: Double
        public var width: Double

        public init(rule: String, lower: Double = 0, upper: Double = 0, width: Double = 0) {
            (self.rule, self.lower, self.upper, self.width) = (rule, lower, upper, width)
        }
    }

    public struct Cell: Sendable {
        /// The published table, its scope (a region code, or "FR"), and the cell's row and column.
        public var table: String
        public var scope: String
        public var row: String
        public var col: String
        public var value: Double
        public var status: Status
        /// Whether secondary suppression may hide this cell (never a zero count, lest "s" mean 0).
        public var hideable: Bool
        /// The information lost when the cell is hidden: totals, pooled rows and "other" answers cost
        /// less than substantive cells, key figures far more.
        public var cost: Double
        /// Set for a sensitive cell (hidden by a rule).
        public var protection: Protection?
        /// What a reader knows of the cell when it is hidden, the mark included.
        public var whenHidden: Range
        /// A hidden cell whose status is decided before the solve (a cell that no report prints, such
        /// as a withheld region's): secondary suppression keeps it hidden.
        public var fixed = false

        public init(
            table: String, scope: String, row: String, col: String, value: Double, status: Status = .published, hideable: Bool = true,
            cost: Double = 1, protection: Protection? = nil, whenHidden: Range = Range(0)
        ) {
            (self.table, self.scope, self.row, self.col, self.value) = (table, scope, row, col, value)
            (self.status, self.hideable, self.cost, self.protection, self.whenHidden) = (status, hideable, cost, protection, whenHidden)
        }

        public var hidden: Bool { status != .published }
    }

    /// `Σ coefficient × cell = 0`, or `≤ 0` (`atMost`).
    public struct Relation: Sendable {
        public var terms: [Term]
        public var atMost: Bool

        public init(_ terms: [Term], atMost: Bool = false) {
            (self.terms, self.atMost) = (terms, atMost)
        }

        /// `total = Σ parts`.
        public static func sum(_ parts: [Int], equals total: Int) -> Relation {
            Relation(parts.map { Term(cell: $0, coefficient: 1) } + [Term(cell: total, coefficient: -1)])
        }

        /// `part ≤ bound`.
        public static func atMost(_ part: Int, _ bound: Int) -> Relation {
            Relation([Term(cell: part, coefficient: 1), Term(cell: bound, coefficient: -1)], atMost: true)
        }
    }

    public struct Term: Sendable {
        public var cell: Int
        public var coefficient: Double

        public init(cell: Int, coefficient: Double) {
            (self.cell, self.coefficient) = (cell, coefficient)
        }
    }

    public private(set) var cells: [Cell] = []
    public private(set) var relations: [Relation] = []
    /// Pairs (a, b): hiding `a` hides `b` too (a hidden total hides the percentages computed on it,
    /// so the counts beside them go with it).
    public private(set) var implications: [(hidden: Int, hides: Int)] = []

    public init() {}

    /// Adds a cell and returns its index.
    @discardableResult
    public mutating func add(_ cell: Cell) -> Int {
        cells.append(cell)
        return cells.count - 1
    }

    public mutating func relate(_ relation: Relation) {
        relations.append(relation)
    }

    /// Hiding `cell` hides `other` too.
    public mutating func hiding(_ cell: Int, hides other: Int) {
        implications.append((cell, other))
    }

    /// Keeps a hidden cell's status through later solves.
    public mutating func fix(_ cell: Int) {
        cells[cell].fixed = true
    }

    public mutating func setStatus(_ status: Status, of cell: Int) {
        cells[cell].status = status
    }

    /// The groups of cells that relations tie together, each with its relations, in cell order: a
    /// hidden cell's interval depends on its group only, so each is solved apart.
    func components() -> [(cells: [Int], relations: [Relation], implications: [(hidden: Int, hides: Int)])] {
        var parent = Array(cells.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        for relation in relations {
            guard let first = relation.terms.first?.cell else { continue }
            for term in relation.terms.dropFirst() { parent[root(term.cell)] = root(first) }
        }
        for (a, b) in implications { parent[root(b)] = root(a) }
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for cell in cells.indices {
            let r = root(cell)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(cell)
        }
        var relationsByRoot: [Int: [Relation]] = [:]
        for relation in relations {
            guard let first = relation.terms.first?.cell else { continue }
            relationsByRoot[root(first), default: []].append(relation)
        }
        var implicationsByRoot: [Int: [(hidden: Int, hides: Int)]] = [:]
        for pair in implications { implicationsByRoot[root(pair.hidden), default: []].append(pair) }
        return order.map { (groups[$0]!, relationsByRoot[$0] ?? [], implicationsByRoot[$0] ?? []) }
    }
}

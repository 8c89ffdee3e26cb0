/// The audit of a publication: for every hidden cell, the interval a reader can prove from all
/// the published figures together, by two linear programmes (its minimum and its maximum under
/// every relation), and the cells whose interval breaks their protection rule.
///
/// Two intervals are computed. `proven` is the one the issue of record defines, and that any
/// independent solver reproduces from the published figures: published cells fixed, hidden cells
/// only non-negative. `known` adds what the marks say (a "< 5" lies in 1…4, an "s" is at least 5);
/// it is never wider, and the rules are judged on it, since a reader has the marks too.
public struct IntervalAudit: Sendable {
    public struct Interval: Sendable, Equatable {
        public var lower: Double
        /// Nil when nothing published bounds the cell from above.
        public var upper: Double?

        public init(_ lower: Double, _ upper: Double?) {
            (self.lower, self.upper) = (lower, upper)
        }
    }

    /// A hidden cell whose interval is narrower than its rule allows.
    public struct Finding: Sendable, Equatable {
        public var cell: Int
        public var interval: Interval
        public var rule: String
    }

    /// The intervals of the hidden cells, by cell index.
    public private(set) var proven: [Int: Interval] = [:]
    public private(set) var known: [Int: Interval] = [:]
    public private(set) var findings: [Finding] = []

    init() {}

    public init(_ publication: Publication) {
        for component in publication.components() {
            audit(publication, component.cells, component.relations)
        }
        findings.sort { $0.cell < $1.cell }
    }

    /// The audit of one group of related cells.
    mutating func audit(_ publication: Publication, _ cells: [Int], _ relations: [Publication.Relation]) {
        let hidden = cells.filter { publication.cells[$0].hidden }
        guard !hidden.isEmpty else { return }
        for withMarks in [false, true] {
            let program = Self.program(publication, hidden: hidden, relations: relations, withMarks: withMarks).program
            for (variable, cell) in hidden.enumerated() {
                let interval = Self.interval(of: variable, in: program) ?? Interval(publication.cells[cell].value, publication.cells[cell].value)
                if withMarks { known[cell] = interval } else { proven[cell] = interval }
            }
        }
        for cell in hidden {
            if let rule = Self.breach(publication.cells[cell], known[cell]!) {
                findings.append(Finding(cell: cell, interval: known[cell]!, rule: rule))
            }
        }
    }

    /// The attacker's programme: one variable per hidden cell, the published cells moved to the
    /// right-hand side of each relation.
    static func program(_ publication: Publication, hidden: [Int], relations: [Publication.Relation], withMarks: Bool)
        -> (program: LinearProgram, variables: [Int: Int])
    {
        let program = LinearProgram()
        var variables: [Int: Int] = [:]
        for cell in hidden {
            let range = withMarks ? publication.cells[cell].whenHidden : Publication.Range(0)
            variables[cell] = program.addVariable(range.high.map { .between(range.low, $0) } ?? .atLeast(range.low))
        }
        for relation in relations {
            var constant = 0.0
            var terms: [(variable: Int, coefficient: Double)] = []
            for term in relation.terms {
                if let variable = variables[term.cell] {
                    terms.append((variable, term.coefficient))
                } else {
                    constant += term.coefficient * publication.cells[term.cell].value
                }
            }
            guard !terms.isEmpty else { continue }
            program.addConstraint(terms, relation.atMost ? .atMost(-constant) : .exactly(-constant))
        }
        return (program, variables)
    }

    /// Whether a cell would keep its protection if `hidden` were the group's hidden cells: its
    /// interval with the marks, judged by its rule.
    static func isProtected(_ cell: Int, in publication: Publication, hidden: [Int], relations: [Publication.Relation], rule: Publication.Protection)
        -> Bool
    {
        let (program, variables) = Self.program(publication, hidden: hidden, relations: relations, withMarks: true)
        guard let variable = variables[cell], let interval = interval(of: variable, in: program) else { return false }
        var judged = publication.cells[cell]
        judged.protection = rule
        return breach(judged, interval) == nil
    }

    /// The minimum and maximum of one variable; nil when the programme has no solution (the
    /// publication contradicts itself, which the caller reports as the true value).
    static func interval(of variable: Int, in program: LinearProgram) -> Interval? {
        program.setObjective([(variable, 1)], maximise: false)
        guard case .optimal(let low) = program.solveLinear() else { return nil }
        program.setObjective([(variable, 1)], maximise: true)
        switch program.solveLinear() {
        case .optimal(let high): return Interval(rounded(low), rounded(high))
        case .unbounded: return Interval(rounded(low), nil)
        case .infeasible: return nil
        }
    }

    /// Solver values to a millionth: counts come out as whole numbers, amounts to the cent.
    static func rounded(_ x: Double) -> Double {
        let r = (x * 1_000_000).rounded() / 1_000_000
        return r == 0 ? 0 : r
    }

    static let tolerance = 1e-6

    /// Why a hidden cell's interval is not enough, or nil.
    static func breach(_ cell: Publication.Cell, _ interval: Interval) -> String? {
        let width = interval.upper.map { $0 - interval.lower }
        // A zero is published by rule (it describes no one): an unprinted zero that the figures give
        // back discloses nothing.
        if let width, width < tolerance, cell.value != 0 {
            return "recomputable: the published figures give its exact value"
        }
        guard let protection = cell.protection else { return nil }
        let text = "[\(Publication.format(interval.lower)), \(interval.upper.map(Publication.format) ?? "∞")]"
        if let width, width < protection.width - tolerance {
            return "\(protection.rule): interval \(text) is narrower than \(Publication.format(protection.width))"
        }
        if interval.lower > cell.value - protection.lower + tolerance {
            return "\(protection.rule): interval \(text) does not reach \(Publication.format(protection.lower)) below the value"
        }
        if let upper = interval.upper, upper < cell.value + protection.upper - tolerance {
            return "\(protection.rule): interval \(text) does not reach \(Publication.format(protection.upper)) above the value"
        }
        return nil
    }
}

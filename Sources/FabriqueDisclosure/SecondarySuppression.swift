/// Least-loss secondary suppression: which published cells to hide so that every sensitive cell
/// keeps its protection interval against a reader holding every table, at the least cost. A mixed-
/// integer programme (Fischetti and Salazar's model) solved by GLPK, one group of related cells at a
/// time:
/// - one binary per cell that may be hidden, costing the cell's `cost`;
/// - for each protected cell, two tables the reader cannot tell from the true one (the true values
///   plus deviations): every relation holds for them, a published cell does not move, a hidden cell
///   stays within what its mark says, and the protected cell moves up by its upper protection in the
///   first, down by its lower one in the second, the two apart by at least its width.
/// Such tables exist exactly when the reader's interval is wide enough, so the pattern is safe by
/// construction. A cell that the solution leaves recomputable (a secondary cell the relations pin
/// down) is then protected too, with a width of one, and the group solved again until the audit
/// finds nothing. GLPK's branch and cut is deterministic: the same publication gives the same pattern.
public enum SecondarySuppression {
    /// The publication with its secondary cells chosen (those it had are chosen again).
    public static func protect(_ publication: Publication) -> Publication {
        var result = publication
        for cell in result.cells.indices where result.cells[cell].status == .secondary { result.setStatus(.published, of: cell) }
        for component in result.components() {
            var required = component.cells.filter { result.cells[$0].protection != nil && result.cells[$0].hidden }
            guard !required.isEmpty else { continue }
            var extra: [Int: Publication.Protection] = [:]
            for _ in 0..<8 {
                guard let hide = solve(result, component.cells, component.relations, required: required, extra: extra) else { break }
                for cell in component.cells where result.cells[cell].status != .primary {
                    result.setStatus(hide.contains(cell) ? .secondary : .published, of: cell)
                }
                var audit = IntervalAudit()
                audit.audit(result, component.cells, component.relations)
                let fresh = audit.findings.map(\.cell).filter { !required.contains($0) }
                guard !fresh.isEmpty else { break }
                for cell in fresh {
                    required.append(cell)
                    extra[cell] = Publication.Protection(rule: "secondary cell", width: 1)
                }
            }
        }
        return result
    }

    /// The cells to hide in one group, or nil when no pattern protects every required cell.
    static func solve(
        _ publication: Publication, _ cells: [Int], _ relations: [Publication.Relation], required: [Int],
        extra: [Int: Publication.Protection]
    ) -> Set<Int>? {
        let program = LinearProgram()
        let bound = cells.reduce(0.0) { $0 + abs(publication.cells[$1].value) } + 1
        // The hiding decision of each cell: fixed for primary cells, a binary for the others.
        var choice: [Int: Int] = [:]
        for cell in cells {
            let c = publication.cells[cell]
            if c.status == .primary { continue }
            guard c.hideable else { continue }
            choice[cell] = program.addVariable(.between(0, 1), cost: c.cost, integer: true)
        }
        let movable = cells.filter { publication.cells[$0].status == .primary || choice[$0] != nil }
        for cell in required {
            let c = publication.cells[cell]
            guard let protection = extra[cell] ?? c.protection else { continue }
            let up = deviations(program, publication, movable, relations, choice, bound)
            let down = deviations(program, publication, movable, relations, choice, bound)
            if let y = choice[cell] {
                // Required only if the cell ends up hidden.
                program.addConstraint([(up[cell]!, 1), (y, -protection.upper)], .atLeast(0))
                program.addConstraint([(down[cell]!, 1), (y, protection.lower)], .atMost(0))
                program.addConstraint([(up[cell]!, 1), (down[cell]!, -1), (y, -protection.width)], .atLeast(0))
            } else {
                program.addConstraint([(up[cell]!, 1)], .atLeast(protection.upper))
                program.addConstraint([(down[cell]!, 1)], .atMost(-protection.lower))
                program.addConstraint([(up[cell]!, 1), (down[cell]!, -1)], .atLeast(protection.width))
            }
        }
        guard case .optimal = program.solveInteger() else { return nil }
        var hide = Set(cells.filter { publication.cells[$0].status == .primary })
        for (cell, y) in choice where program.integerValue(y) > 0.5 { hide.insert(cell) }
        return hide
    }

    /// One table a reader cannot tell from the true one, as deviations from the true values: one
    /// variable per cell that is or may be hidden (a published cell's deviation is zero).
    static func deviations(
        _ program: LinearProgram, _ publication: Publication, _ movable: [Int], _ relations: [Publication.Relation],
        _ choice: [Int: Int], _ bound: Double
    ) -> [Int: Int] {
        var z: [Int: Int] = [:]
        for cell in movable {
            let c = publication.cells[cell]
            let low = c.whenHidden.low - c.value
            let high = (c.whenHidden.high ?? bound) - c.value
            if let y = choice[cell] {
                let variable = program.addVariable(.free)
                program.addConstraint([(variable, 1), (y, -low)], .atLeast(0))
                program.addConstraint([(variable, 1), (y, -high)], .atMost(0))
                z[cell] = variable
            } else {
                z[cell] = program.addVariable(.between(low, high))
            }
        }
        for relation in relations {
            let terms = relation.terms.compactMap { term in z[term.cell].map { (variable: $0, coefficient: term.coefficient) } }
            guard !terms.isEmpty else { continue }
            if relation.atMost {
                let slack = relation.terms.reduce(0.0) { $0 + $1.coefficient * publication.cells[$1.cell].value }
                program.addConstraint(terms, .atMost(-slack))
            } else {
                program.addConstraint(terms, .exactly(0))
            }
        }
        return z
    }
}

import Dispatch
import Synchronization

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
/// construction (and each pattern is checked by the audit's own programme besides). Small groups are
/// solved whole by branch and cut (optimal within 5 %); large ones one protected cell at a time, by
/// the relaxed programme rounded up then pruned (a heuristic: near the optimum, not proven so). A cell
/// that the solution leaves recomputable (a secondary cell the relations pin down) is then protected
/// too, with a width of one, and the group solved again until the audit finds nothing. Everything is
/// deterministic: the same publication gives the same pattern.
public enum SecondarySuppression {
    typealias Component = (cells: [Int], relations: [Publication.Relation], implications: [(hidden: Int, hides: Int)])

    /// Above this many deviation variables (protected cells × cells that may move), a group is
    /// protected one cell at a time instead of by branch and cut on one programme: the cell's
    /// programme relaxed, rounded up and pruned, the cells hidden for the first ones free for the
    /// next, and a cell they already protect skipped. At 20,000 responses this took the run's
    /// suppression from 31 s to under 5 s (debug build), and hid 219 cells instead of 835.
    static let jointLimit = 400
    /// Subproblems the branch and cut may select before it keeps its best pattern, and the gap to
    /// the best bound at which it stops: proving the last percents is most of the search, and both
    /// stopping points depend on the search only, never on the clock.
    static let nodeLimit = 400
    static let relativeGap = 0.05

    /// The publication with its secondary cells chosen (those it had are chosen again). Groups are
    /// independent: they are solved on every core, and the result does not depend on which ends first.
    public static func protect(_ publication: Publication) -> Publication {
        var result = publication
        for cell in result.cells.indices where result.cells[cell].status == .secondary && !result.cells[cell].fixed {
            result.setStatus(.published, of: cell)
        }
        let components = result.components()
        let start = result
        let patterns = Mutex([[Int]](repeating: [], count: components.count))
        DispatchQueue.concurrentPerform(iterations: components.count) { index in
            let hidden = protect(start, components[index])
            patterns.withLock { $0[index] = hidden }
        }
        for (component, hidden) in zip(components, patterns.withLock { $0 }) {
            let set = Set(hidden)
            for cell in component.cells where result.cells[cell].status != .primary && !result.cells[cell].fixed {
                result.setStatus(set.contains(cell) ? .secondary : .published, of: cell)
            }
        }
        return result
    }

    /// The secondary cells of one group.
    static func protect(_ publication: Publication, _ component: Component) -> [Int] {
        var result = publication
        var required = component.cells.filter { result.cells[$0].protection != nil && result.cells[$0].hidden }
        guard !required.isEmpty else { return [] }
        var extra: [Int: Publication.Protection] = [:]
        for _ in 0..<8 {
            guard let hide = pattern(result, component, required: required, extra: extra) else { break }
            for cell in component.cells where result.cells[cell].status != .primary && !result.cells[cell].fixed {
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
        return component.cells.filter { result.cells[$0].status == .secondary && !result.cells[$0].fixed }
    }

    /// The cells to hide in one group: one programme for all its protected cells, solved by branch
    /// and cut, when it is small enough and solved within the node budget; else one cell at a time.
    static func pattern(_ publication: Publication, _ component: Component, required: [Int], extra: [Int: Publication.Protection]) -> Set<Int>? {
        let movable = component.cells.filter { publication.cells[$0].hidden || publication.cells[$0].hideable }.count
        if required.count * movable <= jointLimit, let hide = solve(publication, component, required: required, extra: extra, hidden: []) {
            return hide
        }
        var hidden = Set(component.cells.filter { publication.cells[$0].status == .primary || publication.cells[$0].fixed })
        for cell in required {
            guard let rule = extra[cell] ?? publication.cells[cell].protection else { continue }
            let hiddenCells = component.cells.filter(hidden.contains)
            if hidden.contains(cell),
                IntervalAudit.isProtected(cell, in: publication, hidden: hiddenCells, relations: component.relations, rule: rule)
            {
                continue
            }
            // The cell's programme relaxed (binaries between 0 and 1): every cell it moves is hidden,
            // which keeps every constraint, then published back where the cell stays protected.
            // Branch and cut on each cell of a large group cost 0.3 to 17 s a group at 20,000 responses.
            let relaxed = solve(publication, component, required: [cell], extra: extra, hidden: hidden, integer: false)
            let candidates =
                relaxed.map { $0.subtracting(hidden) }
                ?? Set(
                    component.cells.filter { !hidden.contains($0) && publication.cells[$0].hideable && publication.cells[$0].status == .published })
            hidden = prune(publication, component, cell: cell, rule: rule, hidden: hidden, candidates: candidates)
        }
        return hidden
    }

    /// `hidden` and `candidates` hidden, then each candidate published again, the costliest first,
    /// wherever `cell` stays protected (and no hidden cell requires it hidden). `hidden` unchanged
    /// when even all of them cannot protect the cell.
    static func prune(
        _ publication: Publication, _ component: Component, cell: Int, rule: Publication.Protection, hidden: Set<Int>, candidates: Set<Int>
    ) -> Set<Int> {
        var trial = hidden.union(candidates)
        func protected() -> Bool {
            IntervalAudit.isProtected(
                cell, in: publication, hidden: component.cells.filter(trial.contains), relations: component.relations, rule: rule)
        }
        guard protected() else { return hidden }
        let required = Dictionary(grouping: component.implications, by: \.hides)
        for candidate in candidates.sorted(by: { (publication.cells[$0].cost, $0) > (publication.cells[$1].cost, $1) }) {
            if required[candidate]?.contains(where: { trial.contains($0.hidden) }) == true { continue }
            trial.remove(candidate)
            if !protected() { trial.insert(candidate) }
        }
        return trial
    }

    /// The least-cost cells to hide in one group so that every `required` cell is protected, the
    /// `hidden` ones being hidden already; nil when no pattern is found.
    static func solve(
        _ publication: Publication, _ component: Component, required: [Int], extra: [Int: Publication.Protection], hidden: Set<Int>,
        integer: Bool = true
    ) -> Set<Int>? {
        let (cells, relations) = (component.cells, component.relations)
        let program = LinearProgram()
        // How far a cell may move in the reader's tables: as far as the largest protection asked. A
        // tighter bound than the tables' totals keeps GLPK's integrality tolerance from letting many
        // nearly-zero binaries open a little room each; a pattern is safe whatever the bound.
        let reach =
            required.map { cell in
                (extra[cell] ?? publication.cells[cell].protection).map { max($0.width, $0.lower, $0.upper) } ?? 1
            }.max() ?? 1
        // The hiding decision of each cell: fixed for primary cells, a binary for the others.
        var choice: [Int: Int] = [:]
        func isFixedHidden(_ cell: Int) -> Bool {
            publication.cells[cell].status == .primary || publication.cells[cell].fixed || hidden.contains(cell)
        }
        for cell in cells where !isFixedHidden(cell) && publication.cells[cell].hideable {
            choice[cell] = program.addVariable(.between(0, 1), cost: publication.cells[cell].cost, integer: true)
        }
        // A published zero describes no one: it need not follow the cell that hides it.
        for (a, b) in component.implications where !isFixedHidden(b) && publication.cells[b].value != 0 {
            switch (choice[a], choice[b]) {
            case (let ya?, let yb?): program.addConstraint([(yb, 1), (ya, -1)], .atLeast(0))
            case (let ya?, nil): program.addConstraint([(ya, 1)], .exactly(0))
            case (nil, let yb?) where isFixedHidden(a): program.addConstraint([(yb, 1)], .exactly(1))
            default: break
            }
        }
        let movable = cells.filter { isFixedHidden($0) || choice[$0] != nil }
        for cell in required {
            let c = publication.cells[cell]
            guard let protection = extra[cell] ?? c.protection else { continue }
            let up = deviations(program, publication, movable, relations, choice, reach)
            let down = deviations(program, publication, movable, relations, choice, reach)
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
        var hide = Set(cells.filter(isFixedHidden))
        if !integer {
            guard case .optimal = program.solveLinear() else { return nil }
            for (cell, y) in choice where program.value(y) > 1e-9 { hide.insert(cell) }
            return hide
        }
        guard case .optimal = program.solveInteger(nodeLimit: nodeLimit, relativeGap: relativeGap).outcome else { return nil }
        for (cell, y) in choice where program.integerValue(y) > 0.5 { hide.insert(cell) }
        // The audit's own check of the rounded pattern, for what a solver's tolerances might let through.
        let hiddenCells = cells.filter(hide.contains)
        for cell in required where hide.contains(cell) {
            guard let rule = extra[cell] ?? publication.cells[cell].protection,
                IntervalAudit.isProtected(cell, in: publication, hidden: hiddenCells, relations: relations, rule: rule)
            else { return nil }
        }
        return hide
    }

    /// One table a reader cannot tell from the true one, as deviations from the true values: one
    /// variable per cell that is or may be hidden (a published cell's deviation is zero).
    static func deviations(
        _ program: LinearProgram, _ publication: Publication, _ movable: [Int], _ relations: [Publication.Relation],
        _ choice: [Int: Int], _ reach: Double
    ) -> [Int: Int] {
        var z: [Int: Int] = [:]
        for cell in movable {
            let c = publication.cells[cell]
            let low = max(c.whenHidden.low - c.value, -reach)
            let high = min((c.whenHidden.high ?? .infinity) - c.value, reach)
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

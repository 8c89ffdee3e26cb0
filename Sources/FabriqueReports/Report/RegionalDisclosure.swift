import FabriqueCore
import FabriqueDisclosure
import FabriqueStats
import Foundation

/// Suppression across the reports of one run. Each regional report shows one region's line of a
/// region × answer table and France's report shows its totals, so a reader holding every report
/// holds the whole table: hiding a small cell in its own region's report is not enough, since
/// France minus the other regions gives it back. The cells to hide are therefore chosen once for
/// the run, on everything it publishes together (`RunPublication`), by least-loss secondary
/// suppression (`SecondarySuppression`, GLPK), and every report applies the same choice:
/// - regions are withheld first, on their numbers of responses: a withheld region's report shows
///   France's results only, and its cells enter the tables unprinted;
/// - for each categorical variable of the spec and its key figures, the region × answer table
///   with every margin (valid answers, respondents, non-responses, France's line, the pooled line
///   of the withheld regions where a national crosstab prints it) gets its pattern;
/// - the national crosstabs that do not cross the regions get theirs;
/// - for each numeric variable, a region's statistics are hidden where the by-region table hides
///   that group.
struct RegionalDisclosure: Sendable {
    let regions: [String]
    let counts: [String: Int]
    let total: Int
    let rules: DisclosureRules
    var threshold: Int { rules.threshold }
    private(set) var withheld: Set<String>
    private(set) var run: RunPublication
    /// The audit of the run's publication, once `prepare` has chosen its pattern.
    private(set) var audit = IntervalAudit(Publication())
    /// The regions (and `FR`) whose statistics a numeric variable hides, by variable key.
    private var numericHidden: [String: Set<String>] = [:]
    private var magnitudeKeys: Set<String> = []

    /// Which regions are withheld, from the number of responses of each.
    init(regions: [String], counts: [String: Int], total: Int, rules: DisclosureRules) {
        (self.regions, self.counts, self.total, self.rules) = (regions, counts, total, rules)
        run = RunPublication(regions: regions, counts: counts, total: total, rules: rules)
        withheld = Set(regions.filter(run.isWithheld))
    }

    /// Builds the run's publication and chooses its secondary cells (`build`). A region whose own
    /// cells no pattern can protect (five answers of five different kinds: each is 1, and its
    /// published number of responses pins them) is then withheld too, and the run built again.
    mutating func prepare(
        _ spec: AnalysisSpec, runs: [String: ScopeTables.Run], figures: [String: [StatTable]], france: ScopeTables.Run, franceFigures: [StatTable]
    ) {
        var forced: Set<String> = []
        for _ in 0..<3 {
            build(spec, runs: runs, figures: figures, france: france, franceFigures: franceFigures)
            audit = IntervalAudit(run.publication)
            let exposed = Set(audit.findings.map { run.publication.cells[$0.cell].scope }).filter { regions.contains($0) && !withheld.contains($0) }
            guard !exposed.isEmpty else { return }
            forced.formUnion(exposed)
            run = RunPublication(regions: regions, counts: counts, total: total, rules: rules, withholding: forced)
            withheld = Set(regions.filter(run.isWithheld))
            (numericHidden, magnitudeKeys) = ([:], [])
        }
        build(spec, runs: runs, figures: figures, france: france, franceFigures: franceFigures)
        audit = IntervalAudit(run.publication)
    }

    /// A region's number of responses as every report prints it.
    func published(_ region: String) -> String {
        let n = counts[region] ?? 0
        guard withheld.contains(region) else { return String(n) }
        return PublishedTable.count(n, true, threshold, .uniform)
    }

    static func key(_ variable: String, _ filter: String?, _ threshold: Int) -> String {
        "\(variable)\u{1F}\(filter ?? "")\u{1F}\(threshold)"
    }

    /// Builds the run's publication from each region's own tables and France's, before any report
    /// is written, and chooses its secondary cells.
    private mutating func build(
        _ spec: AnalysisSpec, runs: [String: ScopeTables.Run], figures: [String: [StatTable]], france: ScopeTables.Run, franceFigures: [StatTable]
    ) {
        var variables: [String: RunPublication.Variable] = [:]
        var order: [String] = []
        func add(_ variable: RunPublication.Variable) {
            if var known = variables[variable.key] {
                known.keyCodes.formUnion(variable.keyCodes)
                known.pooled = known.pooled || variable.pooled
                variables[variable.key] = known
            } else {
                variables[variable.key] = variable
                order.append(variable.key)
            }
        }
        func lines(_ tables: [String: StatTable], _ table: StatTable?) -> (regions: [String: CountLine], france: CountLine)? {
            guard let table, let france = CountLine(table) else { return nil }
            return (tables.compactMapValues(CountLine.init), france)
        }
        var pooledKeys: Set<String> = []
        var crosstabMargins: [(id: String, rows: String, cols: String, threshold: Int)] = []
        for (index, table) in spec.tables.enumerated() {
            let rules = spec.rules(for: table)
            let results = runs.mapValues { $0[index].results }
            let national = france[index].results
            if table.kind == .crosstab {
                guard case .crosstab(let rowQuestion, _, let rows, let cols, let counts, _, _, let missing, _) = national.first else { continue }
                if table.variables.contains("region") {
                    let other = table.variables.first { $0 != "region" } ?? ""
                    let key = Self.key(other, table.filter, rules.threshold)
                    pooledKeys.insert(key)
                    // The crosstab's own lines, used when no table of the spec publishes this variable by region.
                    let regionRows = rowQuestion == "region"
                    let codes = (regionRows ? cols : rows).map(\.code)
                    let matrix = regionRows ? counts : Self.transposed(counts, columns: cols.count)
                    var byRegion: [String: CountLine] = [:]
                    for (i, region) in (regionRows ? rows : cols).map(\.code).enumerated() {
                        byRegion[region] = CountLine(counts: Dictionary(uniqueKeysWithValues: zip(codes, matrix[i])), total: matrix[i].reduce(0, +))
                    }
                    let totals = codes.indices.map { j in matrix.reduce(0) { $0 + $1[j] } }
                    add(
                        RunPublication.Variable(
                            key: key, table: table.id, regions: byRegion,
                            france: CountLine(counts: Dictionary(uniqueKeysWithValues: zip(codes, totals)), total: totals.reduce(0, +)),
                            population: false, pooled: true, keyCodes: [], otherCodes: [], rules: rules))
                } else {
                    run.addCrosstab(
                        id: table.id, rows: rows.map(\.code), cols: cols.map(\.code), counts: counts, missing: table.filter == nil ? missing : nil,
                        rules: rules)
                    if table.filter == nil, missing == 0, table.variables.count == 2 {
                        crosstabMargins.append((table.id, table.variables[0], table.variables[1], rules.threshold))
                    }
                }
                continue
            }
            if table.kind == .likert {
                guard case .likert(let scale, let items, _) = national.first else { continue }
                for (itemIndex, item) in items.enumerated() {
                    var byRegion: [String: CountLine] = [:]
                    for (region, tables) in results {
                        guard case .likert(let s, let regionItems, _) = tables.first, itemIndex < regionItems.count else { continue }
                        byRegion[region] = CountLine(scale: s, item: regionItems[itemIndex].summary)
                    }
                    add(
                        RunPublication.Variable(
                            key: Self.key(item.name, table.filter, rules.threshold), table: "\(table.id)/\(item.name)", regions: byRegion,
                            france: CountLine(scale: scale, item: item.summary), population: false, pooled: false, keyCodes: [], otherCodes: [],
                            rules: rules))
                }
                continue
            }
            for (variableIndex, name) in table.variables.enumerated() where variableIndex < national.count {
                if case .numeric = national[variableIndex] {
                    // A table grouped by region (or by anything) has no line for France: the variable's own
                    // table or key figure gives it its pattern, which the grouped table then follows.
                    guard table.by == nil else { continue }
                    numeric(
                        name, Self.auditName(table, name), table.filter, rules,
                        results.compactMapValues { variableIndex < $0.count ? $0[variableIndex] : nil },
                        france: national[variableIndex])
                    continue
                }
                guard
                    let (byRegion, line) = lines(
                        results.compactMapValues { variableIndex < $0.count ? $0[variableIndex] : nil }, national[variableIndex])
                else { continue }
                add(
                    RunPublication.Variable(
                        key: Self.key(name, table.filter, rules.threshold), table: Self.auditName(table, name), regions: byRegion, france: line,
                        population: table.filter == nil, pooled: false, keyCodes: [], otherCodes: Self.otherCodes(national[variableIndex]),
                        rules: rules))
            }
        }
        let rules = spec.rules(for: nil)
        for (index, figure) in spec.keyFigures.enumerated() {
            let regional = figures.compactMapValues { index < $0.count ? $0[index] : nil }
            if index < franceFigures.count, case .numeric = franceFigures[index] {
                numeric(figure.variable, "chiffres-cles/\(figure.variable)", nil, rules, regional, france: franceFigures[index])
                continue
            }
            guard index < franceFigures.count, let (byRegion, line) = lines(regional, franceFigures[index]) else { continue }
            add(
                RunPublication.Variable(
                    key: Self.key(figure.variable, nil, rules.threshold), table: "chiffres-cles/\(figure.variable)", regions: byRegion, france: line,
                    population: true, pooled: false, keyCodes: figure.value.map { [$0] } ?? [], otherCodes: Self.otherCodes(franceFigures[index]),
                    rules: rules))
        }
        for key in order {
            var variable = variables[key]!
            variable.pooled = variable.pooled || pooledKeys.contains(key)
            run.add(variable)
        }
        // A crosstab that no response misses has France's counts of each variable as its margins.
        for (id, rowVariable, colVariable, threshold) in crosstabMargins {
            run.tieCrosstab(id, rows: Self.key(rowVariable, nil, threshold), cols: Self.key(colVariable, nil, threshold))
        }
        run.protect()
        for key in magnitudeKeys {
            guard let cells = run.variables[key] else { continue }
            numericHidden[key] = Set(regions.filter { run.hidden(cells.totals[$0]) })
            if run.hidden(cells.totals[RunPublication.france]) { numericHidden[key]!.insert(RunPublication.france) }
        }
    }

    /// A table's name in the audit: its id, and the variable when it has several.
    static func auditName(_ table: AnalysisSpec.Table, _ variable: String) -> String {
        table.variables.count > 1 ? "\(table.id)/\(variable)" : table.id
    }

    /// The answers that stand for "other", "don't know" or "none": hiding them loses less.
    static func otherCodes(_ table: StatTable) -> Set<String> {
        let categories: [CategoryCount]
        switch table {
        case .frequency(_, _, _, _, let c, _), .multiSelect(_, _, _, _, _, let c, _): categories = c
        default: return []
        }
        let words = ["autre", "ne sait pas", "je ne sais pas", "aucun", "aucune", "nsp", "non concerné"]
        return Set(
            categories.filter { c in words.contains { c.label.lowercased().hasPrefix($0) } || c.value.lowercased().hasPrefix("autre") }.map(\.value))
    }

    /// A numeric variable: a magnitude table of the regions' sums in the run's publication (the
    /// threshold, contributor and dominance rules), or, when its values can be negative, the by-region
    /// mask of the threshold rule (groups of fewer than `threshold` answers, and a partner).
    private mutating func numeric(
        _ variable: String, _ table: String, _ filter: String?, _ rules: DisclosureRules, _ tables: [String: StatTable], france: StatTable
    ) {
        let key = Self.key(variable, filter, rules.threshold)
        guard numericHidden[key] == nil, !magnitudeKeys.contains(key) else { return }
        var groups: [String: NumericGroup] = [:]
        for (code, table) in tables {
            // A region enters the by-region table when it has an answer or a non-answer.
            if case .numeric(_, _, _, let found, _) = table, let group = found.first, group.summary.value.n + group.missing > 0 {
                groups[code] = group
            }
        }
        if case .numeric(_, _, _, let found, _) = france, let national = found.first,
            run.addNumeric(key: key, table: table, regions: groups, france: national, population: filter == nil, rules: rules)
        {
            magnitudeKeys.insert(key)
            return
        }
        let codes = CodeOrder.sorted(Array(groups.keys))
        let mask = TableBuilder.groupMask(codes.map { groups[$0]!.summary.value.n }, threshold: rules.threshold)
        numericHidden[key] = Set(codes.indices.filter { mask[$0] }.map { codes[$0] })
    }

    /// Whether the run hides a numeric variable's group for a region (nil when the variable is not a
    /// magnitude table of the run: its table's own rule then holds).
    func isHidden(numeric variable: String, _ region: String, _ filter: String?, _ threshold: Int) -> Bool? {
        let key = Self.key(variable, filter, threshold)
        guard magnitudeKeys.contains(key) else { return nil }
        return numericHidden[key]?.contains(region) == true
    }

    static func transposed<T>(_ matrix: [[T]], columns: Int) -> [[T]] {
        (0..<columns).map { j in matrix.map { $0[j] } }
    }

    // MARK: Applying the pattern

    /// A table as a report may publish it for `region` (nil: France), with the run's pattern
    /// applied, and the totals it hides.
    func apply(_ table: StatTable, region: String?, variable: String, filter: String?, threshold: Int) -> (StatTable, Set<PublishedTable.Margin>?) {
        let scope = region ?? RunPublication.france
        switch table {
        case .frequency(let question, let label, let valid, let missing, let categories, let t):
            guard let cells = run.variables[Self.key(variable, filter, threshold)] else { return (table, nil) }
            return (
                .frequency(
                    question: question, label: label, valid: valid, missing: missing, categories: hide(categories, cells, scope), threshold: t),
                margins(cells, scope)
            )
        case .multiSelect(let question, let label, let respondents, let missing, let responses, let categories, let t):
            guard let cells = run.variables[Self.key(variable, filter, threshold)] else { return (table, nil) }
            return (
                .multiSelect(
                    question: question, label: label, respondents: respondents, missing: missing, responses: responses,
                    categories: hide(categories, cells, scope), threshold: t),
                margins(cells, scope)
            )
        case .likert(let scale, let items, let t):
            var hiddenItems: Set<PublishedTable.Margin> = []
            let masked = items.enumerated().map { index, item in
                guard let cells = run.variables[Self.key(item.name, filter, threshold)] else { return item }
                if run.hidden(cells.totals[scope]) { hiddenItems.insert(.item(index)) }
                let suppressed = scale.indices.map { run.hidden(cells.cells[scope]?[scale[$0].code]) }
                return (name: item.name, label: item.label, summary: item.summary, suppressed: suppressed)
            }
            return (.likert(scale: scale, items: masked, threshold: t), hiddenItems)
        case .numeric(let question, let label, let by, let groups, let t):
            let hidden = numericHidden[Self.key(variable, filter, threshold)]?.contains(scope) == true
            guard hidden || region.map(withheld.contains) == true else { return (table, nil) }
            return (
                .numeric(
                    question: question, label: label, by: by,
                    groups: groups.map { group in
                        var group = group
                        group.suppressed = true
                        return group
                    }, threshold: t), nil
            )
        case .crosstab:
            return (table, nil)
        }
    }

    private func hide(_ categories: [CategoryCount], _ cells: RunPublication.Cells, _ scope: String) -> [CategoryCount] {
        categories.map { category in
            var category = category
            category.suppressed = run.hidden(cells.cells[scope]?[category.value])
            return category
        }
    }

    private func margins(_ cells: RunPublication.Cells, _ scope: String) -> Set<PublishedTable.Margin> {
        var margins: Set<PublishedTable.Margin> = []
        if run.hidden(cells.totals[scope]) { margins.insert(.total) }
        if run.hidden(cells.respondents[scope]) { margins.insert(.respondents) }
        if run.hidden(cells.missing[scope]) { margins.insert(.missing) }
        return margins
    }
}

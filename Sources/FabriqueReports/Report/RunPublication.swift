import FabriqueDisclosure

/// Everything a report run publishes, as one `Publication`: the responses of each region, and for
/// every categorical variable the region × answer table a reader rebuilds from all the reports (each
/// region's line, France's line, the margins, the pooled line of the withheld regions), and the
/// national crosstabs. Secondary suppression and the audit run on it; the reports read its pattern.
struct RunPublication: Sendable {
    static let france = "FR"
    static let pooled = "autres"
    static let noRegion = "sans-region"

    /// The cells of one variable, by scope (a region code, `france` or `pooled`).
    struct Cells: Sendable {
        var table: String
        var cells: [String: [String: Int]] = [:]
        var totals: [String: Int] = [:]
        var respondents: [String: Int] = [:]
        var missing: [String: Int] = [:]
    }

    /// A variable's lines, ready to enter the publication.
    struct Variable {
        var key: String
        var table: String
        var regions: [String: CountLine]
        var france: CountLine
        /// The region's (and France's) number of responses when the table has no filter: its valid
        /// answers and non-responses add up to it.
        var population: Bool
        var pooled: Bool
        var keyCodes: Set<String>
        var otherCodes: Set<String>
        var rules: DisclosureRules
    }

    let rules: DisclosureRules
    let regions: [String]
    private(set) var publication = Publication()
    private(set) var listing: [String: Int] = [:]
    private(set) var listingFrance = -1
    private(set) var variables: [String: Cells] = [:]
    private(set) var crosstabs: [String: Publication.TableCells] = [:]
    private(set) var crosstabMissing: [String: Int] = [:]
    private var crosstabCodes: [String: (rows: [String], cols: [String])] = [:]

    static let totalCost = 0.4
    static let pooledCost = 0.3
    static let otherCost = 0.6
    static let keyFigureCost = 50.0

    /// The regions' numbers of responses (and France's), with the regions to withhold chosen at the
    /// least cost: withholding a region loses its whole report, so the cost is its size.
    /// `withholding`: regions withheld whatever their size (their own cells could not be protected).
    init(regions: [String], counts: [String: Int], total: Int, rules: DisclosureRules, withholding: Set<String> = []) {
        self.rules = rules
        self.regions = regions
        var cells: [Int] = []
        for region in regions {
            let n = counts[region] ?? 0
            var cell = rules.count(table: "reponses", scope: region, row: region, col: "Réponses", value: n, cost: Double(max(n, 1)))
            if withholding.contains(region), cell.status == .published {
                cell.status = .primary
                cell.protection = Publication.Protection(rule: "region withheld to protect its own cells", width: 1)
            }
            listing[region] = publication.add(cell)
            cells.append(listing[region]!)
        }
        let residual = total - regions.reduce(0) { $0 + (counts[$1] ?? 0) }
        if residual > 0 {
            cells.append(
                publication.add(
                    Self.unprinted(rules.count(table: "reponses", scope: Self.noRegion, row: Self.noRegion, col: "Réponses", value: residual))))
        }
        listingFrance = publication.add(
            Publication.Cell(table: "reponses", scope: Self.france, row: Self.france, col: "Réponses", value: Double(total), hideable: false))
        publication.relate(.sum(cells, equals: listingFrance))
        publication = SecondarySuppression.protect(publication)
        for cell in publication.cells.indices where publication.cells[cell].hidden { publication.fix(cell) }
    }

    /// Whether a region's report is withheld (its number of responses is hidden).
    func isWithheld(_ region: String) -> Bool { listing[region].map { publication.cells[$0].hidden } ?? false }

    /// Whether no report prints a scope's own cells: a withheld region's, or the answers without a region.
    func isUnprinted(_ scope: String) -> Bool { scope == Self.noRegion || isWithheld(scope) }

    /// A cell as no report prints it: hidden, decided, and known to a reader only as non-negative.
    static func unprinted(_ cell: Publication.Cell) -> Publication.Cell {
        var cell = cell
        if cell.status != .primary { cell.status = .secondary }
        cell.whenHidden = Publication.Range(0)
        (cell.fixed, cell.hideable) = (true, false)
        return cell
    }

    /// A count as a report prints it, or never printed when its scope is unprinted.
    private mutating func count(_ table: String, scope: String, col: String, _ value: Int, cost: Double, _ rules: DisclosureRules) -> Int {
        let cell = rules.count(table: table, scope: scope, row: scope, col: col, value: value, cost: cost)
        return publication.add(isUnprinted(scope) ? Self.unprinted(cell) : cell)
    }

    /// Adds one categorical variable: its lines, France's, the pooled line when a national crosstab
    /// shows it, and the relations between them.
    mutating func add(_ variable: Variable) {
        let codes = Array(Set(variable.france.counts.keys).union(variable.regions.values.flatMap(\.counts.keys))).sorted()
        var result = Cells(table: variable.table)
        var scopes = regions.filter { variable.regions[$0] != nil }
        var lines = variable.regions
        // Responses without a region count in France's line only: an unprinted line makes up the difference.
        let residual = CountLine(
            counts: Dictionary(
                uniqueKeysWithValues: codes.map { c in (c, (variable.france.counts[c] ?? 0) - scopes.reduce(0) { $0 + (lines[$1]!.counts[c] ?? 0) }) }
            ),
            total: variable.france.total - scopes.reduce(0) { $0 + lines[$1]!.total },
            respondents: variable.france.respondents.map { r in r - scopes.reduce(0) { $0 + (lines[$1]!.respondents ?? 0) } },
            missing: variable.france.missing.map { m in m - scopes.reduce(0) { $0 + (lines[$1]!.missing ?? 0) } })
        let consistent = residual.counts.values.allSatisfy { $0 >= 0 } && residual.total >= 0
        if consistent, residual.counts.values.contains(where: { $0 > 0 }) || residual.total > 0 || (residual.missing ?? 0) > 0 {
            scopes.append(Self.noRegion)
            lines[Self.noRegion] = residual
        }
        lines[Self.france] = variable.france
        for scope in scopes + [Self.france] {
            let line = lines[scope]!
            // France's key figures are the headline of every report: they cost twice a region's.
            let keyFigureCost = scope == Self.france ? 2 * Self.keyFigureCost : Self.keyFigureCost
            let keyCost = { (code: String) in
                variable.keyCodes.contains(code) ? keyFigureCost : variable.otherCodes.contains(code) ? Self.otherCost : 1
            }
            var cells: [String: Int] = [:]
            for code in codes {
                cells[code] = count(variable.table, scope: scope, col: code, line.counts[code] ?? 0, cost: keyCost(code), variable.rules)
            }
            result.cells[scope] = cells
            let total = count(
                variable.table, scope: scope, col: "Total", line.total, cost: variable.keyCodes.isEmpty ? Self.totalCost : keyFigureCost,
                variable.rules)
            result.totals[scope] = total
            publication.relate(.sum(codes.map { cells[$0]! }, equals: total))
            for code in codes where (line.counts[code] ?? 0) > 0 { publication.hiding(total, hides: cells[code]!) }
            var base = total
            if let respondents = line.respondents {
                let cell = count(variable.table, scope: scope, col: "Répondants", respondents, cost: Self.totalCost, variable.rules)
                result.respondents[scope] = cell
                base = cell
                for code in codes {
                    publication.relate(.atMost(cells[code]!, cell))
                    if (line.counts[code] ?? 0) > 0 { publication.hiding(cell, hides: cells[code]!) }
                }
            }
            if let missing = line.missing {
                let cell = count(variable.table, scope: scope, col: "Non-réponses", missing, cost: Self.totalCost, variable.rules)
                result.missing[scope] = cell
                if variable.population, let population = population(scope, table: variable.table),
                    publication.cells[population].value == publication.cells[base].value + Double(missing)
                {
                    publication.relate(.sum([base, cell], equals: population))
                }
            }
        }
        if consistent {
            for code in codes { publication.relate(.sum(scopes.map { result.cells[$0]![code]! }, equals: result.cells[Self.france]![code]!)) }
            publication.relate(.sum(scopes.map { result.totals[$0]! }, equals: result.totals[Self.france]!))
            if result.respondents[Self.france] != nil {
                publication.relate(.sum(scopes.map { result.respondents[$0]! }, equals: result.respondents[Self.france]!))
            }
            if result.missing[Self.france] != nil {
                publication.relate(.sum(scopes.map { result.missing[$0]! }, equals: result.missing[Self.france]!))
            }
        }
        // The crosstab's pooled line: the withheld regions (responses without a region are not in it).
        let withheld = scopes.filter { $0 != Self.noRegion && isWithheld($0) }
        if variable.pooled, !withheld.isEmpty {
            var cells: [String: Int] = [:]
            for code in codes {
                let value = withheld.reduce(0) { $0 + (lines[$1]!.counts[code] ?? 0) }
                cells[code] = publication.add(
                    variable.rules.count(table: variable.table, scope: Self.pooled, row: Self.pooled, col: code, value: value, cost: Self.pooledCost))
                publication.relate(.sum(withheld.map { result.cells[$0]![code]! }, equals: cells[code]!))
            }
            result.cells[Self.pooled] = cells
            let total = publication.add(
                variable.rules.count(
                    table: variable.table, scope: Self.pooled, row: Self.pooled, col: "Total", value: withheld.reduce(0) { $0 + lines[$1]!.total },
                    cost: Self.pooledCost))
            result.totals[Self.pooled] = total
            publication.relate(.sum(codes.map { cells[$0]! }, equals: total))
            publication.relate(.sum(withheld.map { result.totals[$0]! }, equals: total))
        }
        variables[variable.key] = result
    }

    /// The responses of a scope, as the listing publishes them, for a relation (a copy, so that
    /// variables stay separate groups: the listing is decided before them and fixed).
    private mutating func population(_ scope: String, table: String) -> Int? {
        guard let source = scope == Self.france ? listingFrance : listing[scope] else { return nil }
        var cell = publication.cells[source]
        cell.table = table
        cell.hideable = false
        cell.fixed = cell.hidden
        cell.cost = 0
        return publication.add(cell)
    }

    /// Adds a national crosstab that does not cross the regions, with its margins.
    /// Its non-responses (`missing`, when the table has no filter) and its grand total add up to
    /// France's responses.
    mutating func addCrosstab(id: String, rows: [String], cols: [String], counts: [[Int]], missing: Int?, rules: DisclosureRules) {
        let cells = publication.addTable(id, scope: Self.france, rows: rows, cols: cols, counts: counts, rules: rules, totalCost: Self.totalCost)
        crosstabs[id] = cells
        crosstabCodes[id] = (rows, cols)
        guard let missing else { return }
        let cell = publication.add(
            rules.count(table: id, scope: Self.france, row: "Non-réponses", col: "", value: missing, cost: Self.totalCost))
        crosstabMissing[id] = cell
        if let population = population(Self.france, table: id),
            publication.cells[population].value == publication.cells[cells.grandTotal].value + Double(missing)
        {
            publication.relate(.sum([cells.grandTotal, cell], equals: population))
        }
    }

    /// Adds a numeric variable as a magnitude table: each region's sum and number of answers (its
    /// mean and n being printed, the sum is), France's, and the relations between them. A group is
    /// hidden whole: its sum, its n and its non-responses go together. Nil when a value is negative
    /// (the sums are then not bounded below, and the variable keeps the threshold rule).
    mutating func addNumeric(
        key: String, table: String, regions groups: [String: NumericGroup], france: NumericGroup, population: Bool, rules: DisclosureRules
    ) -> Bool {
        guard (france.summary.value.min ?? 0) >= 0 else { return false }
        var result = Cells(table: table)
        var scopes = regions.filter { groups[$0] != nil }
        var all = groups
        let knownN = scopes.reduce(0) { $0 + groups[$1]!.summary.value.n }
        let knownSum = scopes.reduce(0.0) { $0 + groups[$1]!.summary.value.sum }
        if france.summary.value.n > knownN {
            // Answers without a region: an unprinted group (its largest values unknown here, so no rule).
            var residual = france
            residual.summary.value.n = france.summary.value.n - knownN
            residual.summary.value.sum = france.summary.value.sum - knownSum
            residual.summary.value.largest = []
            residual.missing = max(0, france.missing - scopes.reduce(0) { $0 + groups[$1]!.missing })
            scopes.append(Self.noRegion)
            all[Self.noRegion] = residual
        }
        all[Self.france] = france
        for scope in scopes + [Self.france] {
            let summary = all[scope]!.summary.value
            let n = count(table, scope: scope, col: "n", summary.n, cost: Self.totalCost, rules)
            let sumCell = rules.magnitude(
                table: table, scope: scope, row: scope, col: "Somme", total: summary.sum, count: summary.n, largest: summary.largest)
            let sum = publication.add(isUnprinted(scope) ? Self.unprinted(sumCell) : sumCell)
            let missing = count(table, scope: scope, col: "Non-réponses", all[scope]!.missing, cost: Self.totalCost, rules)
            for (a, b) in [(sum, n), (n, sum), (sum, missing)] { publication.hiding(a, hides: b) }
            if population, let cell = self.population(scope, table: table),
                publication.cells[cell].value == Double(summary.n + all[scope]!.missing)
            {
                publication.relate(.sum([n, missing], equals: cell))
            }
            result.totals[scope] = sum
            result.respondents[scope] = n
            result.missing[scope] = missing
        }
        publication.relate(.sum(scopes.map { result.totals[$0]! }, equals: result.totals[Self.france]!))
        publication.relate(.sum(scopes.map { result.respondents[$0]! }, equals: result.respondents[Self.france]!))
        publication.relate(.sum(scopes.map { result.missing[$0]! }, equals: result.missing[Self.france]!))
        variables[key] = result
        return true
    }

    /// Ties a national crosstab's margins to France's counts of its two variables, where they are the
    /// same figures (a crosstab that no response misses): a reader holding both has one value twice.
    /// Only margins equal to those counts are tied, so every relation added holds.
    mutating func tieCrosstab(_ id: String, rows rowKey: String, cols colKey: String) {
        guard let table = crosstabs[id], let codes = crosstabCodes[id] else { return }
        for (margins, codes, key) in [(table.rowTotals, codes.rows, rowKey), (table.columnTotals, codes.cols, colKey)] {
            guard let france = variables[key]?.cells[Self.france] else { continue }
            for (margin, code) in zip(margins, codes) {
                guard let count = france[code], publication.cells[count].value == publication.cells[margin].value else { continue }
                publication.relate(.sum([margin], equals: count))
            }
        }
    }

    /// Chooses the secondary cells of every variable and crosstab.
    mutating func protect() {
        publication = SecondarySuppression.protect(publication)
    }

    func hidden(_ cell: Int?) -> Bool { cell.map { publication.cells[$0].hidden } ?? false }
}

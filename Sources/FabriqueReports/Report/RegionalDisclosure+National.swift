import FabriqueStats

extension RegionalDisclosure {
    /// The label of the line that pools the withheld regions.
    static let pooledLabel = "Autres régions (secret statistique)"

    /// A national table as the run publishes it, and the totals it hides: a crosstab of the regions
    /// with the withheld regions pooled, another crosstab with its own pattern, a by-region
    /// description with the withheld regions hidden too.
    func national(_ table: StatTable, id: String, filter: String?, threshold: Int) -> (StatTable, Set<PublishedTable.Margin>?) {
        switch table {
        case .crosstab(let rowQuestion, let colQuestion, let rows, let cols, let counts, _, let test, let missing, let t)
        where rowQuestion == "region" || colQuestion == "region":
            let regionRows = rowQuestion == "region"
            let other = regionRows ? cols : rows
            let key = Self.key(regionRows ? colQuestion : rowQuestion, filter, threshold)
            guard let cells = run.variables[key] else { return (table, nil) }
            let regionLabels = Dictionary((regionRows ? rows : cols).map { ($0.code, $0.label) }, uniquingKeysWith: { a, _ in a })
            let regionMajor = regionRows ? counts : Self.transposed(counts, columns: cols.count)
            let byRegion = Dictionary(zip((regionRows ? rows : cols).map(\.code), regionMajor), uniquingKeysWith: { a, _ in a })
            var lines: [(code: String, label: String, scope: String, counts: [Int])] = regions.filter {
                !withheld.contains($0) && byRegion[$0] != nil
            }
            .map { ($0, regionLabels[$0] ?? $0, $0, byRegion[$0]!) }
            let pooled = byRegion.filter { withheld.contains($0.key) }.map(\.value)
            if cells.cells[RunPublication.pooled] != nil, !pooled.isEmpty {
                lines.append(("", Self.pooledLabel, RunPublication.pooled, other.indices.map { j in pooled.reduce(0) { $0 + $1[j] } }))
            }
            let matrix = lines.map(\.counts)
            let hidden = lines.map { line in other.map { run.hidden(cells.cells[line.scope]?[$0.code]) } }
            var margins: Set<PublishedTable.Margin> = []
            for (i, line) in lines.enumerated() where run.hidden(cells.totals[line.scope]) {
                margins.insert(regionRows ? .row(i) : .column(i))
            }
            for (j, code) in other.map(\.code).enumerated() where run.hidden(cells.cells[RunPublication.france]?[code]) {
                margins.insert(regionRows ? .column(j) : .row(j))
            }
            if run.hidden(cells.totals[RunPublication.france]) { margins.insert(.grand) }
            if run.hidden(cells.missing[RunPublication.france]) { margins.insert(.missing) }
            let regionLines = lines.map { (code: $0.code, label: $0.label) }
            let published = regionRows ? matrix : Self.transposed(matrix, columns: other.count)
            return (
                .crosstab(
                    rowQuestion: rowQuestion, colQuestion: colQuestion, rows: regionRows ? regionLines : rows,
                    cols: regionRows ? cols : regionLines, counts: published,
                    suppressed: regionRows ? hidden : Self.transposed(hidden, columns: other.count),
                    test: test.pearson == nil ? test : .pearson(ChiSquareTest(published)), missing: missing, threshold: t),
                margins
            )
        case .crosstab(let rowQuestion, let colQuestion, let rows, let cols, let counts, _, let test, let missing, let t):
            guard let cells = run.crosstabs[id] else { return (table, nil) }
            var margins: Set<PublishedTable.Margin> = []
            for (i, cell) in cells.rowTotals.enumerated() where run.hidden(cell) { margins.insert(.row(i)) }
            for (j, cell) in cells.columnTotals.enumerated() where run.hidden(cell) { margins.insert(.column(j)) }
            if run.hidden(cells.grandTotal) { margins.insert(.grand) }
            if run.hidden(run.crosstabMissing[id]) { margins.insert(.missing) }
            return (
                .crosstab(
                    rowQuestion: rowQuestion, colQuestion: colQuestion, rows: rows, cols: cols, counts: counts,
                    suppressed: cells.cells.map { $0.map { run.hidden($0) } }, test: test, missing: missing, threshold: t),
                margins
            )
        case .numeric(let question, let label, let by, let groups, let t) where by == "region":
            return (
                .numeric(
                    question: question, label: label, by: by,
                    groups: groups.map { group in
                        var group = group
                        let run = isHidden(numeric: question, group.value, filter, threshold)
                        group.suppressed = withheld.contains(group.value) || (run ?? group.suppressed)
                        return group
                    }, threshold: t), nil
            )
        default:
            return (table, nil)
        }
    }
}

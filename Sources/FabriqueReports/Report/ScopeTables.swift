import FabriqueCore
import FabriqueStats

/// The tables and charts of one report: the region's results beside France's, or France's alone.
/// Every cell comes from `PublishedTable`, so the suppression of the tables holds in the report,
/// and the charts read the same suppression masks.
struct ScopeTables {
    typealias Run = [(table: AnalysisSpec.Table, results: [StatTable])]
    /// A run as published: each result with the totals the run hides (nil: the table's own rule).
    typealias Masked = [(table: AnalysisSpec.Table, results: [StatTable], margins: [Set<PublishedTable.Margin>?])]

    /// A chart file to write, relative to the output folder.
    struct Chart {
        var path: String
        var svg: String
    }

    /// The table views and their chart files. `region` is nil for France's report.
    static func make(region: (name: String, slug: String, run: Masked)?, france: Masked, folder: String) -> (tables: [TableView], charts: [Chart]) {
        var views: [TableView] = []
        var charts: [Chart] = []
        for (index, (table, franceResults, franceMargins)) in france.enumerated() {
            let national = region != nil && isNational(table)
            var markdown: [String] = []
            var tableCharts: [(file: String, title: String, svg: String)] = []
            let chartBase = "\(folder)/\(table.id)"
            if let region, !national {
                let regionResults = region.run[index].results
                for (number, (r, f)) in zip(regionResults, franceResults).enumerated() {
                    markdown += compared((r, region.run[index].margins[number]), (f, franceMargins[number]), region.name)
                    if let chart = chart(r, f, regionName: region.name, title: table.title) {
                        tableCharts.append((regionResults.count > 1 ? "\(chartBase)-\(number + 1).svg" : "\(chartBase).svg", chart.title, chart.svg))
                    }
                }
            } else {
                for (number, f) in franceResults.enumerated() {
                    markdown.append(PublishedTable(f, hiding: franceMargins[number], marks: .uniform).markdown(headingLevel: 4))
                    if !national, let chart = chart(nil, f, regionName: nil, title: table.title) {
                        tableCharts.append((franceResults.count > 1 ? "\(chartBase)-\(number + 1).svg" : "\(chartBase).svg", chart.title, chart.svg))
                    }
                }
            }
            charts += tableCharts.map { Chart(path: $0.file, svg: $0.svg) }
            views.append(
                TableView(
                    id: table.id, title: table.title, notes: table.notes ?? "", hasNotes: table.notes != nil,
                    markdown: markdown.joined(separator: "\n\n"), national: national,
                    charts: tableCharts.map { ChartView(file: $0.file, alt: MarkdownEscaper.escape("Graphique : " + $0.title)) },
                    hasCharts: !tableCharts.isEmpty))
        }
        return (views, charts)
    }

    /// Tables shown for France in every report: those that cross the regions, and the crosstabs
    /// (a regional crosstab is a slice of a three-way table that no joint mask protects).
    static func isNational(_ table: AnalysisSpec.Table) -> Bool {
        table.kind == .crosstab || table.variables.contains("region") || table.by == "region"
    }

    // MARK: Region beside France

    /// The region's published table beside France's, in one Markdown table where the kind allows.
    static func compared(
        _ regionTable: (StatTable, Set<PublishedTable.Margin>?), _ franceTable: (StatTable, Set<PublishedTable.Margin>?), _ name: String
    ) -> [String] {
        let (region, france) = (regionTable.0, franceTable.0)
        let r = PublishedTable(region, hiding: regionTable.1, marks: .uniform)
        let f = PublishedTable(france, hiding: franceTable.1, marks: .uniform)
        switch region {
        case .frequency, .multiSelect:
            return [joined(r, f, name, columns: [1, 2], first: "Modalité").markdown(headingLevel: 4)]
        case .likert(let scale, _, _):
            let stats = [scale.count + 1, scale.count + 2, scale.count + 3]
            return [joined(r, f, name, columns: stats, first: "Affirmation").markdown(headingLevel: 4)]
        case .numeric:
            // Without groups the first column only says "Ensemble": the territory takes its place.
            var table = r
            let grouped = !(r.header.first ?? "").isEmpty
            table.header = ["Territoire"] + (grouped ? r.header : Array(r.header.dropFirst()))
            table.rows =
                r.rows.map { [name] + (grouped ? $0 : Array($0.dropFirst())) } + f.rows.map { ["France"] + (grouped ? $0 : Array($0.dropFirst())) }
            table.notes = mergedNotes(r.notes, f.notes, name)
            return [table.markdown(headingLevel: 4)]
        case .crosstab:
            // Crosstabs are national (see isNational): France's table alone.
            return [f.markdown(headingLevel: 4)]
        }
    }

    /// Rows matched by their first cell; for each side the chosen columns, headed by the scope.
    static func joined(_ r: PublishedTable, _ f: PublishedTable, _ name: String, columns: [Int], first: String) -> PublishedTable {
        var table = r
        table.header = [first] + columns.map { "\(name) : \(r.header[$0])" } + columns.map { "France : \(f.header[$0])" }
        let franceRows = Dictionary(f.rows.map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
        let regionRows = Dictionary(r.rows.map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
        var labels = r.rows.map { $0[0] }
        labels += f.rows.map { $0[0] }.filter { regionRows[$0] == nil }
        table.rows = labels.map { label in
            let rr = regionRows[label]
            let fr = franceRows[label]
            return [label] + columns.map { rr?[$0] ?? "0" } + columns.map { fr?[$0] ?? "0" }
        }
        table.notes = mergedNotes(r.notes, f.notes, name)
        return table
    }

    /// Notes said once when both scopes say the same, else once per scope.
    static func mergedNotes(_ r: [String], _ f: [String], _ name: String) -> [String] {
        var notes: [String] = []
        for index in 0..<max(r.count, f.count) {
            let a = index < r.count ? r[index] : nil
            let b = index < f.count ? f[index] : nil
            if a == b {
                notes.append(a!)
            } else {
                if let a { notes.append("\(name) — \(a)") }
                if let b { notes.append("France — \(b)") }
            }
        }
        return notes
    }

    // MARK: Charts

    /// A chart of a table: bars for choices, diverging bars for Likert items; none for the other kinds.
    static func chart(_ region: StatTable?, _ france: StatTable, regionName: String?, title: String) -> (title: String, svg: String)? {
        let scopes = [region.map { (regionName!, $0) }, ("France", france)].compactMap { $0 }
        switch france {
        case .frequency(_, let label, _, _, let categories, _), .multiSelect(_, let label, _, _, _, let categories, _):
            let chartTitle = "\(title) : \(label) (% \(isMulti(france) ? "des répondants" : "des réponses valides"))"
            // Each scope's bars are matched to France's categories by code: a scope may lack a category.
            let series = scopes.map { name, table in
                let scope = bars(table)
                let values = categories.map { scope.byCode[$0.value] ?? (0, "0,0 %") }
                return SVGChart.Series(name: name, values: values.map(\.0), labels: values.map(\.1))
            }
            let description =
                series.map { serie in
                    "\(serie.name) : " + zip(categories, serie.labels).map { "\($0.label) \($1)" }.joined(separator: " ; ")
                }.joined(separator: ". ") + "."
            return (chartTitle, SVGChart.bars(title: chartTitle, description: description, categories: categories.map(\.label), series: series))
        case .likert(let scale, let items, _):
            let chartTitle = "\(title) : répartition des réponses"
            var rows: [SVGChart.LikertRow] = []
            for (index, item) in items.enumerated() {
                for (name, table) in scopes {
                    guard case .likert(_, let scopeItems, let threshold) = table, index < scopeItems.count else { continue }
                    rows.append(likertRow(scopeItems[index], threshold, label: scopes.count > 1 ? "\(item.label) (\(name))" : item.label))
                }
            }
            let description =
                rows.map { row in
                    "\(row.label) : "
                        + (row.shares.map { shares in zip(scale, shares).map { "\($0.label) \(PublishedTable.percent($1)) %" }.joined(separator: ", ")
                        } ?? row.mark)
                }.joined(separator: ". ") + "."
            return (chartTitle, SVGChart.diverging(title: chartTitle, description: description, scale: scale.map(\.label), rows: rows))
        case .crosstab, .numeric:
            return nil
        }
    }

    static func isMulti(_ table: StatTable) -> Bool {
        if case .multiSelect = table { return true }
        return false
    }

    /// Each category's bar value (nil where suppressed) and printed mark, by category code.
    static func bars(_ table: StatTable) -> (byCode: [String: (Double?, String)], codes: [String]) {
        let categories: [CategoryCount]
        let threshold: Int
        switch table {
        case .frequency(_, _, _, _, let c, let t), .multiSelect(_, _, _, _, _, let c, let t): (categories, threshold) = (c, t)
        default: return ([:], [])
        }
        var byCode: [String: (Double?, String)] = [:]
        for c in categories {
            byCode[c.value] =
                c.suppressed ? (nil, PublishedTable.count(c.n, true, threshold, .uniform)) : (c.percent, PublishedTable.percent(c.percent) + " %")
        }
        return (byCode, categories.map(\.value))
    }

    /// A Likert item's shares, or its mark when any of its cells is hidden (the shares would give
    /// the hidden counts back).
    static func likertRow(_ item: (name: String, label: String, summary: LikertSummary, suppressed: [Bool]), _ threshold: Int, label: String)
        -> SVGChart.LikertRow
    {
        let s = item.summary
        if s.n == 0 { return SVGChart.LikertRow(label: label, shares: nil, mark: "aucune réponse") }
        if s.n < threshold || item.suppressed.contains(true) {
            return SVGChart.LikertRow(
                label: label, shares: nil,
                mark: "s : non représenté (secret statistique)")
        }
        return SVGChart.LikertRow(label: label, shares: s.distribution.map { Double($0) / Double(s.n) * 100 }, mark: "")
    }
}

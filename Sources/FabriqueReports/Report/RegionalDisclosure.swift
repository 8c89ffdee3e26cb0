import FabriqueCore
import FabriqueStats
import Foundation

/// Suppression across the reports of one run. Each regional report shows one region's line of a
/// region × answer table and France's report shows its totals, so a reader holding every report
/// holds the whole table: hiding a small cell in its own region's report is not enough, since
/// France minus the other regions gives it back. The cells to hide are therefore chosen on the
/// joint table, region by answer, once for the run, and every report applies the same choice:
/// - a region with few responses (and a partner, lest it be recomputed from France's total) is
///   withheld: its report shows France's results only, and its response count is a mark;
/// - for each categorical variable of the spec, the region × category counts get primary and
///   secondary suppression (the withheld regions are pooled into one derived row, since France
///   minus the published regions gives their sum), and each report hides what the joint mask hides:
///   a region's cells, a region's whole line when its total must be hidden, France's categories
///   when their national count must be hidden;
/// - for each numeric variable, a region's statistics are hidden where the by-region table hides
///   that group.
/// Crosstabs are published for France only (a regional crosstab is a slice of a three-way table).
struct RegionalDisclosure: Sendable {
    /// The hidden cells of one categorical variable, under one filter.
    struct Joint: Sendable {
        var cells: [String: Set<String>] = [:]
        var hiddenLines: Set<String> = []
        var hiddenNational: Set<String> = []
    }

    let regions: [String]
    let counts: [String: Int]
    let withheld: Set<String>
    let threshold: Int
    private var joints: [String: Joint] = [:]
    private var numericHidden: [String: Set<String>] = [:]

    /// Which regions are withheld, from the number of responses of each.
    init(regions: [String], counts: [String: Int], threshold: Int) {
        self.regions = regions
        self.counts = counts
        self.threshold = threshold
        let mask = SmallCellSuppression.mask(regions.map { counts[$0] ?? 0 }, threshold: threshold)
        withheld = Set(regions.indices.filter { mask[$0] }.map { regions[$0] })
    }

    /// A region's number of responses as every report prints it.
    func published(_ region: String) -> String {
        let n = counts[region] ?? 0
        guard withheld.contains(region) else { return String(n) }
        return n > 0 && n < threshold ? "< \(threshold)" : "s"
    }

    static func key(_ variable: String, _ filter: String?, _ threshold: Int) -> String {
        "\(variable)\u{1F}\(filter ?? "")\u{1F}\(threshold)"
    }

    /// Prepares the joint masks of every variable a run publishes (the spec's tables and key
    /// figures) from each region's own tables, before any report is written: the region × answer
    /// counts are the regions' counts side by side, so no further read is needed.
    mutating func prepare(_ spec: AnalysisSpec, runs: [String: ScopeTables.Run], figures: [String: [StatTable]]) {
        var sources: [(variable: String, filter: String?, threshold: Int, tables: [String: StatTable])] = []
        for (index, table) in spec.tables.enumerated() where !ScopeTables.isNational(table) {
            let threshold = table.threshold ?? spec.threshold
            let results = runs.mapValues { $0[index].results }
            if table.kind == .likert {
                for (itemIndex, item) in table.variables.enumerated() {
                    let items: [String: StatTable] = results.compactMapValues { tables in
                        guard case .likert(let scale, let items, let t) = tables.first, itemIndex < items.count else { return nil }
                        return Self.frequency(scale: scale, item: items[itemIndex], threshold: t)
                    }
                    sources.append((item, table.filter, threshold, items))
                }
            } else {
                for (variableIndex, variable) in table.variables.enumerated() {
                    sources.append(
                        (variable, table.filter, threshold, results.compactMapValues { variableIndex < $0.count ? $0[variableIndex] : nil }))
                }
            }
        }
        for (index, figure) in spec.keyFigures.enumerated() {
            sources.append((figure.variable, nil, spec.threshold, figures.compactMapValues { index < $0.count ? $0[index] : nil }))
        }
        for source in sources {
            let key = Self.key(source.variable, source.filter, source.threshold)
            var byRegion: [String: [String: Int]] = [:]
            var numericCounts: [String: Int] = [:]
            var numeric = false
            for (code, table) in source.tables {
                switch table {
                case .frequency(_, _, _, _, let categories, _), .multiSelect(_, _, _, _, _, let categories, _):
                    byRegion[code] = Dictionary(categories.map { ($0.value, $0.n) }, uniquingKeysWith: +)
                case .numeric(_, _, _, let groups, _):
                    numeric = true
                    // A region enters the by-region table when it has an answer or a non-answer.
                    if let group = groups.first, group.summary.value.n + group.missing > 0 { numericCounts[code] = group.summary.value.n }
                default:
                    break
                }
            }
            if numeric {
                guard numericHidden[key] == nil else { continue }
                let codes = CodeOrder.sorted(Array(numericCounts.keys))
                let mask = TableBuilder.groupMask(codes.map { numericCounts[$0]! }, threshold: source.threshold)
                numericHidden[key] = Set(codes.indices.filter { mask[$0] }.map { codes[$0] })
            } else if joints[key] == nil {
                // The columns of the region × answer crosstab: the answers given, in code order.
                var totals: [String: Int] = [:]
                for counts in byRegion.values { for (code, n) in counts { totals[code, default: 0] += n } }
                let cols = CodeOrder.sorted(totals.filter { $0.value > 0 }.map(\.key))
                let rows = CodeOrder.sorted(byRegion.filter { $0.value.values.contains { $0 > 0 } }.map(\.key))
                joints[key] = joint(rows: rows, cols: cols, counts: rows.map { r in cols.map { byRegion[r]?[$0] ?? 0 } }, threshold: source.threshold)
            }
        }
    }

    /// A Likert item's distribution as a frequency table, to read its counts by scale code.
    static func frequency(
        scale: [(code: String, label: String)], item: (name: String, label: String, summary: LikertSummary, suppressed: [Bool]), threshold: Int
    ) -> StatTable {
        .frequency(
            question: item.name, label: item.label, valid: item.summary.n, missing: item.summary.missing,
            categories: scale.indices.map {
                CategoryCount(
                    value: scale[$0].code, label: scale[$0].label, n: item.summary.distribution[$0],
                    percent: 0, ci95: nil, percentOfResponses: nil, suppressed: false)
            },
            threshold: threshold)
    }

    /// The label of the line that pools the withheld regions.
    static let pooledLabel = "Autres régions (secret statistique)"

    /// A region × category table as published: the regions in survey order, then the withheld
    /// ones pooled into one line (France minus the published regions gives that line anyway).
    func pooled(rows: [String], cols: Int, counts: [[Int]]) -> (codes: [String?], matrix: [[Int]]) {
        let byRegion = Dictionary(uniqueKeysWithValues: zip(rows, counts))
        let published = regions.filter { !withheld.contains($0) }
        var codes: [String?] = published
        var matrix = published.map { byRegion[$0] ?? Array(repeating: 0, count: cols) }
        let pooled = rows.filter { !published.contains($0) }
        if !pooled.isEmpty {
            codes.append(nil)
            matrix.append((0..<cols).map { j in pooled.reduce(0) { $0 + (byRegion[$1]?[j] ?? 0) } })
        }
        return (codes, matrix)
    }

    /// The joint mask of a region × category table.
    func joint(rows: [String], cols: [String], counts: [[Int]], threshold: Int) -> Joint {
        let (codes, matrix) = pooled(rows: rows, cols: cols.count, counts: counts)
        let hidden = SmallCellSuppression.mask(matrix, threshold: threshold)
        let totals = TotalsMask(counts: matrix, hidden: hidden, threshold: threshold)
        var result = Joint()
        for (i, code) in codes.enumerated() {
            guard let region = code else { continue }
            result.cells[region] = Set(cols.indices.filter { hidden[i][$0] }.map { cols[$0] })
            if totals.rows[i] { result.hiddenLines.insert(region) }
        }
        result.hiddenNational = Set(cols.indices.filter { totals.columns[$0] }.map { cols[$0] })
        return result
    }

    /// A national table that crosses the regions, as the run publishes it: a crosstab with the
    /// withheld regions pooled and the joint mask; a by-region description with the withheld
    /// regions hidden too.
    func national(_ table: StatTable) -> StatTable {
        switch table {
        case .crosstab(let rowQuestion, let colQuestion, let rows, let cols, let counts, _, let test, let missing, let threshold)
        where rowQuestion == "region" || colQuestion == "region":
            let regionRows = rowQuestion == "region"
            let regionCodes = (regionRows ? rows : cols).map(\.code)
            let other = regionRows ? cols : rows
            let regionMajor = regionRows ? counts : Self.transposed(counts, columns: cols.count)
            let (codes, matrix) = pooled(rows: regionCodes, cols: other.count, counts: regionMajor)
            let hidden = SmallCellSuppression.mask(matrix, threshold: threshold)
            let labels = (regionRows ? rows : cols)
            let regionLines = codes.map { code in
                code.map { c in (code: c, label: labels.first { $0.code == c }?.label ?? c) } ?? (code: "", label: Self.pooledLabel)
            }
            let published = regionRows ? matrix : Self.transposed(matrix, columns: other.count)
            return .crosstab(
                rowQuestion: rowQuestion, colQuestion: colQuestion, rows: regionRows ? regionLines : rows,
                cols: regionRows ? cols : regionLines, counts: published,
                suppressed: regionRows ? hidden : Self.transposed(hidden, columns: other.count),
                test: test.pearson == nil ? test : .pearson(ChiSquareTest(published)), missing: missing, threshold: threshold)
        case .numeric(let question, let label, let by, let groups, let threshold) where by == "region":
            return .numeric(
                question: question, label: label, by: by,
                groups: groups.map { group in
                    var group = group
                    group.suppressed = group.suppressed || withheld.contains(group.value)
                    return group
                }, threshold: threshold)
        default:
            return table
        }
    }

    static func transposed<T>(_ matrix: [[T]], columns: Int) -> [[T]] {
        (0..<columns).map { j in matrix.map { $0[j] } }
    }

    /// A table as a report may publish it for `region` (nil: France), with the run's choices applied.
    func apply(_ table: StatTable, region: String?, variable: String, filter: String?, threshold: Int) -> StatTable {
        let key = Self.key(variable, filter, threshold)
        switch table {
        case .frequency(let question, let label, let valid, let missing, let categories, let t):
            return .frequency(
                question: question, label: label, valid: valid, missing: missing,
                categories: hide(categories, joints[key], region), threshold: t)
        case .multiSelect(let question, let label, let respondents, let missing, let responses, let categories, let t):
            return .multiSelect(
                question: question, label: label, respondents: respondents, missing: missing, responses: responses,
                categories: hide(categories, joints[key], region), threshold: t)
        case .likert(let scale, let items, let t):
            let masked = items.map { item in
                let joint = joints[Self.key(item.name, filter, threshold)]
                let suppressed = scale.indices.map { index in item.suppressed[index] || isHidden(scale[index].code, joint, region) }
                return (name: item.name, label: item.label, summary: item.summary, suppressed: suppressed)
            }
            return .likert(scale: scale, items: masked, threshold: t)
        case .numeric(let question, let label, let by, let groups, let t):
            guard let region, numericHidden[key]?.contains(region) == true || withheld.contains(region) else { return table }
            return .numeric(
                question: question, label: label, by: by,
                groups: groups.map { group in
                    var group = group
                    group.suppressed = true
                    return group
                }, threshold: t)
        case .crosstab:
            return table
        }
    }

    private func hide(_ categories: [CategoryCount], _ joint: Joint?, _ region: String?) -> [CategoryCount] {
        categories.map { category in
            var category = category
            category.suppressed = category.suppressed || isHidden(category.value, joint, region)
            return category
        }
    }

    private func isHidden(_ code: String, _ joint: Joint?, _ region: String?) -> Bool {
        guard let joint else { return false }
        guard let region else { return joint.hiddenNational.contains(code) }
        return joint.hiddenLines.contains(region) || joint.cells[region]?.contains(code) == true
    }
}

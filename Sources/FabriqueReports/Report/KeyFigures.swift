import FabriqueCore
import FabriqueStats

/// The headline numbers of a report (the spec's `key_figures`), with the run's suppression: a
/// share whose count is hidden in any report is printed as its mark, never as a percentage, and a
/// withheld region has none.
enum KeyFigures {
    /// The tables the key figures are read from, for France or one region, before suppression.
    static func tables(_ spec: AnalysisSpec, builder: TableBuilder, region: String?) throws -> [StatTable] {
        let filter = region.map { "${region} = '\($0)'" }
        return try spec.keyFigures.map { try builder.build(TableRequest(rows: $0.variable, filter: filter, threshold: spec.threshold)) }
    }

    /// The key figures as published, with the run's suppression.
    static func values(_ spec: AnalysisSpec, tables: [StatTable], region: String?, disclosure: RegionalDisclosure) -> [String] {
        if let region, disclosure.withheld.contains(region) { return spec.keyFigures.map { _ in "s" } }
        return zip(spec.keyFigures, tables).map { figure, table in
            let (published, margins) = disclosure.apply(table, region: region, variable: figure.variable, filter: nil, threshold: spec.threshold)
            // A share is computed on the valid answers (the respondents of a multi-select): hidden, it hides the share.
            if let margins, !margins.isDisjoint(with: [.total, .respondents]) { return "s" }
            return text(published, figure)
        }
    }

    static func text(_ table: StatTable, _ figure: AnalysisSpec.KeyFigure) -> String {
        switch table {
        case .frequency(_, _, let valid, _, let categories, let threshold), .multiSelect(_, _, let valid, _, _, let categories, let threshold):
            guard valid > 0 else { return "aucune réponse" }
            guard valid >= threshold else { return "s" }
            guard let category = categories.first(where: { $0.value == figure.value }) else { return "—" }
            return category.suppressed ? PublishedTable.count(category.n, true, threshold, .uniform) : PublishedTable.percent(category.percent) + " %"
        case .numeric(_, _, _, let groups, let threshold):
            guard let group = groups.first, group.summary.value.n > 0 else { return "aucune réponse" }
            let summary = group.summary.value
            guard summary.n >= threshold, !group.suppressed else { return "s" }
            let value = figure.statistic == .mean ? summary.mean : summary.median
            return value.map(PublishedTable.decimal) ?? "—"
        default:
            return "—"
        }
    }
}

import FabriqueCore
import Foundation

/// Runs every table of an analysis spec, optionally for one region only.
public struct AnalysisRunner: Sendable {
    public let spec: AnalysisSpec
    public let builder: TableBuilder

    /// Prepares a run.
    public init(spec: AnalysisSpec, builder: TableBuilder) {
        self.spec = spec
        self.builder = builder
    }

    /// The tables of each spec table, in spec order. `region` keeps the responses of one region
    /// (the survey's `region` question), combined with each table's own filter.
    public func run(region: String? = nil) throws -> [(table: AnalysisSpec.Table, results: [StatTable])] {
        if let region {
            guard let field = builder.survey.fields.first(where: { $0.name == "region" }) else {
                throw TableError.unknownVariable("region", survey: builder.survey.id)
            }
            let codes = builder.survey.choices(for: field.question).map(\.value)
            guard codes.contains(region) else { throw TableError.unknownRegion(region, known: codes) }
        }
        // Tables are independent reads: they run on every core, gathered in spec order.
        let tables = spec.tables
        let builder = builder
        let threshold = spec.threshold
        let results = ConcurrentResults<(table: AnalysisSpec.Table, results: [StatTable])>(count: tables.count)
        DispatchQueue.concurrentPerform(iterations: tables.count) { index in
            results.set(index, Result { try Self.run(tables[index], builder: builder, region: region, defaultThreshold: threshold) })
        }
        return try results.values()
    }

    private static func run(_ table: AnalysisSpec.Table, builder: TableBuilder, region: String?, defaultThreshold: Int) throws
        -> (table: AnalysisSpec.Table, results: [StatTable])
    {
        let filter = [table.filter.map { "(\($0))" }, region.map { "${region} = '\($0)'" }].compactMap { $0 }.joined(separator: " and ")
        let expression = filter.isEmpty ? nil : filter
        let threshold = table.threshold ?? defaultThreshold
        let results: [StatTable]
        switch table.kind {
        case .crosstab:
            results = [try builder.build(TableRequest(rows: table.variables[0], cols: table.variables[1], filter: expression, threshold: threshold))]
        case .likert:
            results = [try builder.likert(table.variables, filter: expression, threshold: threshold)]
        case .frequency, .multiSelect, .descriptive:
            results = try table.variables.map { try builder.build(TableRequest(rows: $0, by: table.by, filter: expression, threshold: threshold)) }
        }
        return (table, results)
    }

    /// The whole run as one Markdown document (French).
    public func markdown(_ run: [(table: AnalysisSpec.Table, results: [StatTable])], regionName: String?) -> String {
        var parts = ["# \(spec.title)" + (regionName.map { " : \($0)" } ?? ""), ""]
        for (table, results) in run {
            parts += ["## \(table.title)", ""]
            if let notes = table.notes { parts += [notes, ""] }
            for result in results { parts += [PublishedTable(result).markdown, ""] }
        }
        return parts.joined(separator: "\n")
    }
}

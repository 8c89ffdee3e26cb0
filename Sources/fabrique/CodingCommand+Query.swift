import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStats
import FabriqueStore
import Foundation

extension CodingCommand {
    /// `fabrique coding query`.
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the fiches meeting a criterion at a minimum level, optionally in one region or theme.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The criterion code.", valueName: "code")) var criterion: String
        @Option(name: .customLong("min-level"), help: ArgumentHelp("The minimum level.", valueName: "n")) var minimumLevel = 2
        @Option(help: ArgumentHelp("Only this region (INSEE code).", valueName: "code")) var region: String?
        @Option(help: ArgumentHelp("Only this theme (slug).", valueName: "slug")) var theme: String?

        func run() throws {
            let context = try Context(database)
            guard context.codebook.criteria.contains(criterion) else {
                throw InputError("'\(criterion)' is not a criterion of codebook '\(context.codebook.id)'")
            }
            let views = CodingViews(codings: try context.blind.visible(try context.database.codings(), to: nil), criteria: context.codebook.criteria)
            let candidates = try context.database.searchExperiences("", region: region, theme: theme, approach: nil, year: nil).map(\.slug)
            let found = views.meeting(criterion, minimum: minimumLevel, among: candidates)
            if found.isEmpty { print("No fiche meets \(criterion) at level >= \(minimumLevel).") }
            for slug in found {
                let level = views.level(slug, criterion)
                print("\(slug): \(level.level!) (\(level.source.rawValue))" + (level.excerpts.first.map { " — « \($0.quote) »" } ?? ""))
            }
        }
    }
}

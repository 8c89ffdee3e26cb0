import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStats
import FabriqueStore
import Foundation

extension CodingCommand {
    /// `fabrique coding profile`.
    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Print each fiche's criteria profile: the consensus level, else the agreed level, "
                + "else a single coding (flagged), and the co-occurrence of criteria met at a minimum level."
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("Only this fiche.", valueName: "slug")) var experience: String?
        @Option(
            name: .customLong("min-level"),
            help: ArgumentHelp("The level a criterion must reach to count as met in the co-occurrence matrix.", valueName: "n")) var minimumLevel = 2

        func run() throws {
            let context = try Context(database)
            let views = CodingViews(codings: try context.blind.visible(try context.database.codings(), to: nil), criteria: context.codebook.criteria)
            let slugs = experience.map { [$0] } ?? context.bodies.keys.sorted()
            let marks: [ResolvedLevel.Source: String] = [.consensus: "", .agreed: "", .single: " (single coding)", .unresolved: "", .uncoded: ""]
            var rows = [["fiche"] + context.codebook.criteria]
            for slug in slugs {
                rows.append([slug] + views.profile(slug).map { item in item.level.level.map { "\($0)\(marks[item.level.source]!)" } ?? "—" })
            }
            print(Console.table(rows))
            let matrix = views.cooccurrence(slugs, minimum: minimumLevel)
            print("\nFiches meeting both criteria at level >= \(minimumLevel) (diagonal: each criterion alone):")
            print(
                Console.table(
                    [[""] + context.codebook.criteria.indices.map { "c\($0 + 1)" }]
                        + context.codebook.criteria.indices.map { i in ["c\(i + 1) \(context.codebook.criteria[i])"] + matrix[i].map(String.init) }))
        }
    }
}

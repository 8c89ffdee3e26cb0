import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueStore
import Foundation

extension ExperiencesCommand {
    /// `fabrique experiences search QUERY`.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the fiches, ignoring accents and case ('sante mentale' finds 'santé mentale'); every word must appear.",
            discussion: "JSON: a list of {\"slug\", \"title\", \"year\", \"region\", \"themes\", \"approaches\", \"snippet\"}, best matches first."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("Words to find (empty: every fiche that passes the filters).", valueName: "query"))
        var query: String = ""

        @Option(help: ArgumentHelp("Only this region (INSEE code, such as 44).", valueName: "code"))
        var region: String?

        @Option(help: ArgumentHelp("Only this theme (slug, such as sante-mentale-isolement-social).", valueName: "slug"))
        var theme: String?

        @Option(help: ArgumentHelp("Only this approach: cls, clsm or asv.", valueName: "code"))
        var approach: String?

        @Option(help: ArgumentHelp("Only this year.", valueName: "year"))
        var year: Int?

        @Option(help: "Output format: table or json.")
        var format: OutputFormat = .table

        func run() throws {
            let hits = try database.open().searchExperiences(query, region: region, theme: theme, approach: approach, year: year)
            if format == .json {
                let lines = try hits.map { h in
                    try JSONOutput.text(
                        HitJSON(
                            slug: h.slug, title: h.title, year: h.year, region: h.region, themes: h.themes, approaches: h.approaches,
                            snippet: h.snippet))
                }
                print("[" + lines.joined(separator: ",\n") + "]")
                return
            }
            if hits.isEmpty {
                print("No fiche found.")
                return
            }
            for hit in hits {
                print("\(hit.slug)  (\(hit.year), region \(hit.region), \(hit.approaches.joined(separator: "/")))")
                print("  \(hit.title)")
                print("  \(hit.snippet.replacingOccurrences(of: "\n", with: " "))")
            }
        }

        /// One fiche found, in the JSON output.
        private struct HitJSON: Encodable {
            let slug, title: String
            let year: Int
            let region: String
            let themes, approaches: [String]
            let snippet: String
        }
    }
}

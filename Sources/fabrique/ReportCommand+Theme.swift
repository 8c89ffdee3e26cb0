import ArgumentParser
import FabriqueCore
import FabriqueReports
import Foundation

extension ReportCommand {
    struct Theme: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A dossier ressources on a theme of the controlled list (seeds/themes.yaml): <theme>.md.",
            discussion:
                "Example: fabrique report theme sante-mentale-isolement-social --out reports/dossiers. "
                + "With --all, one dossier per theme that has experiences."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The theme slug, such as sante-mentale-isolement-social.", valueName: "theme"))
        var theme: String?

        @Flag(help: "Every theme that has at least one experience.")
        var all = false

        @Option(help: ArgumentHelp("The analysis spec (for the survey and the footer).", valueName: "spec.yaml"))
        var analysis = "analyses/coordination.yaml"

        @Option(help: ArgumentHelp("The bibliography folder: general.yaml and one <theme>.yaml per theme.", valueName: "dir"))
        var bibliography = "seeds/bibliography"

        @OptionGroup var common: Common

        func validate() throws {
            if theme != nil, all { throw ValidationError("give a theme slug or --all, not both") }
            if theme == nil, !all { throw ValidationError("give a theme slug, or --all for every theme that has experiences") }
        }

        func run() throws {
            try common.run(database, spec: DataFolder.resolve(analysis)) { generator in
                try (all ? generator.themesWithExperiences : [theme!]).flatMap {
                    try generator.theme($0, bibliography: DataFolder.resolve(bibliography))
                }
            }
        }
    }
}

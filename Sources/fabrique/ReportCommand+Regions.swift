import ArgumentParser
import FabriqueCore
import FabriqueReports
import Foundation

extension ReportCommand {
    struct Regions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One report per region (<slug>.md), france.md and index.md, with SVG charts in a folder per report.",
            discussion: "Example: fabrique report regions --analysis analyses/coordination.yaml --out reports/ --html"
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("The analysis spec (tables, period, key figures).", valueName: "spec.yaml"))
        var analysis = "analyses/coordination.yaml"

        @Option(help: ArgumentHelp("Only this region's report (INSEE code, such as 44).", valueName: "code"))
        var region: String?

        @OptionGroup var reader: AccountScopeOption

        @OptionGroup var common: Common

        func validate() throws {
            if let asOf = common.asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of takes a date YYYY-MM-DD, not '\(asOf)'") }
        }

        func run() throws {
            let scope = try reader.scope(try database.open())
            // A scoped account writes only its region's report (computed with every region, for the joint suppression).
            let region = try scope?.region(self.region) ?? self.region
            try common.run(database, spec: DataFolder.resolve(analysis)) { try $0.regions(only: region) }
        }
    }
}

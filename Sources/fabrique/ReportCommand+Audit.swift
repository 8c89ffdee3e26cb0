import ArgumentParser
import FabriqueCore
import FabriqueReports
import Foundation

extension ReportCommand {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no hidden cell of the reports can be narrowed beyond its rule (exit 1 if one can).",
            discussion: """
                For every cell the regional reports would hide, computes the interval a reader can prove from all the published \
                figures together (two linear programmes per cell, GLPK) and judges it against the spec's rules (threshold, \
                protection interval, dominance; see docs/tables.md). The JSON gives every cell with its raw value: for the team only. \
                Example: fabrique report audit --analysis analyses/coordination.yaml --format json
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("The analysis spec (tables, key figures, rules).", valueName: "spec.yaml"))
        var analysis = "analyses/coordination.yaml"

        @Option(help: ArgumentHelp("Only what this region's report shows (INSEE code): its cells and France's.", valueName: "code"))
        var region: String?

        @Option(help: ArgumentHelp("table or json.", valueName: "format"))
        var format: OutputFormat = .table

        @Option(help: ArgumentHelp("The date today() means in the spec's filters (YYYY-MM-DD).", valueName: "date"))
        var asOf: String?

        func validate() throws {
            guard format == .table || format == .json else { throw ValidationError("--format takes table or json, not \(format.rawValue)") }
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of takes a date YYYY-MM-DD, not '\(asOf)'") }
        }

        func run() throws {
            let sources = try ReportSources(
                database: try database.open(), specFile: DataFolder.resolve(analysis), templatesDirectory: DataFolder.resolve("analyses/templates"),
                stamp: nil, today: asOf.flatMap(CalendarDate.init(iso:)) ?? Clock.today())
            let audit = try ReportGenerator(sources: sources).audit(region: region)
            if format == .json {
                print(try JSONOutput.text(audit))
            } else {
                print("\(audit.published) cells published, \(audit.suppressed) hidden, in \(audit.tables.count) tables.")
                print(audit.unsafe.isEmpty ? "No hidden cell can be narrowed beyond its rule." : "Unsafe:\n" + audit.unsafeDescription)
            }
            if !audit.unsafe.isEmpty { throw ExitCode(1) }
        }
    }
}

import ArgumentParser
import FabriqueCore
import FabriqueReports
import Foundation

/// `fabrique report`: the synthesis reports (regional, France, index) and the dossiers ressources.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the synthesis reports: one Markdown file per region, France's and an index, or a thematic dossier ressources.",
        discussion: """
            Reports are made from Mustache templates (analyses/templates/, editable; see docs/reports.md). The same database \
            and spec give byte-identical files: no date is printed unless --stamp is given. Small-cell suppression applies to \
            the tables, the charts and the text.
            """,
        subcommands: [Regions.self, Theme.self, Audit.self]
    )

    /// The options every report shares.
    struct Common: ParsableArguments {
        @Option(help: ArgumentHelp("The output folder.", valueName: "dir"))
        var out = "reports"

        @Option(help: ArgumentHelp("The folder of report templates and of rapport.css.", valueName: "dir"))
        var templates = "analyses/templates"

        @Flag(help: "Also write each report as standalone HTML with a print stylesheet (save as PDF from a browser).")
        var html = false

        @Option(
            help: ArgumentHelp(
                "Print this date (or any text) in the footers, such as $(date -I). Without it, runs are byte-identical.", valueName: "text"))
        var stamp: String?

        @Option(help: ArgumentHelp("The date today() means in the spec's filters (YYYY-MM-DD).", valueName: "date"))
        var asOf: String?

        /// Makes the files from the database's data, again if the data changed during the run.
        func run(_ database: DatabaseOptions, spec: String, _ make: (ReportGenerator) throws -> [ReportFile]) throws {
            let db = try database.open()
            let (sources, files) = try ReportSources.consistent(
                {
                    try ReportSources(
                        database: db, specFile: spec, templatesDirectory: DataFolder.resolve(templates), stamp: stamp,
                        today: asOf.flatMap(CalendarDate.init(iso:)) ?? Clock.today())
                }, make: { try make(ReportGenerator(sources: $0)) })
            try write(files, sources)
        }

        func write(_ files: [ReportFile], _ sources: ReportSources) throws {
            let written = try ReportWriter.write(files, to: out, html: html, stylesheet: sources.templates.stylesheet)
            let reports = written.filter { !$0.hasSuffix(".svg") }
            print(
                "Wrote \(reports.count) report file\(reports.count == 1 ? "" : "s") and \(written.count - reports.count) "
                    + "chart\(written.count - reports.count == 1 ? "" : "s") in \(out)/:"
            )
            for path in reports { print("  \(out)/\(path)") }
        }
    }
}

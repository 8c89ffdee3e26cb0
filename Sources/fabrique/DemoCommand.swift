import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueStore
import Foundation

/// `fabrique demo`: demo and benchmark data.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make demo and benchmark data.",
        subcommands: [GenerateResponses.self]
    )

    /// `fabrique demo generate-responses`.
    struct GenerateResponses: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write realistic, reproducible responses to a survey as CSV, valid under the survey's rules.",
            discussion: """
                Regions are weighted by population, départements follow their region, and every skip-logic branch occurs.
                The same --seed and --as-of give the same file. Columns: response_id, then one per answer variable \
                (codes for choices, space-separated for several; dates yyyy-mm-dd; '.' as decimal separator).
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("The survey id, as loaded by 'fabrique init'.", valueName: "id"))
        var survey: String

        @Option(help: ArgumentHelp("How many responses to write.", valueName: "n"))
        var count: Int

        @Option(help: ArgumentHelp("The random seed.", valueName: "s"))
        var seed: UInt64 = 1

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp("The date the responses are generated as of, yyyy-mm-dd (default: today).", valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp("The output CSV file; '-' for standard output.", valueName: "file"))
        var out: String

        func validate() throws {
            guard count >= 0 else { throw ValidationError("--count must be 0 or more") }
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date such as 2026-06-30") }
        }

        func run() throws {
            let database = try database.open()
            let definition = try database.currentSurvey(id: survey)
            let version = definition.version
            let today = asOf.flatMap(CalendarDate.init(iso:)) ?? Clock.today()
            var generator = ResponseGenerator(survey: definition, regions: try database.regions(), seed: seed, today: today)
            let names = definition.fields.map(\.name)
            let writer = out == "-" ? CSVWriter(standardOutputWith: .standard) : try CSVWriter(path: out)
            try writer.write(["response_id"] + names)
            for index in 1...max(count, 1) where count > 0 {
                let values = try generator.next()
                try writer.write(["S\(seed)-\(String(index).leftPadded(to: 7))"] + names.map { values[$0] ?? "" })
            }
            try writer.finish()
            if out != "-" { Console.error("Wrote \(count) responses to survey '\(survey)' version \(version) into \(out)") }
        }
    }
}

/// The current date, in the local calendar. The only place the CLI reads the clock.
enum Clock {
    static func today() -> CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

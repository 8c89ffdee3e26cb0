import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStats
import FabriqueStore
import Foundation

extension CodingCommand {
    /// `fabrique coding assign`.
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a reproducible sample of fiches and assign each to every listed coder, for blind double coding.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("Coders, separated by commas (at least two).", valueName: "A,B[,C]")) var coders: String
        @Option(help: ArgumentHelp("The share of fiches to draw, such as 30%.", valueName: "percent")) var sample = "100%"
        @Option(help: ArgumentHelp("The random seed.", valueName: "s")) var seed: UInt64 = 1

        func validate() throws {
            guard coders.split(separator: ",").count >= 2 else { throw ValidationError("--coders needs at least two names, such as A,B") }
            guard let p = Double(sample.replacingOccurrences(of: "%", with: "")), p > 0, p <= 100 else {
                throw ValidationError("--sample must be a percentage such as 30%")
            }
        }

        func run() throws {
            let database = try database.open()
            let slugs = try database.experiences().map(\.slug)
            let share = Double(sample.replacingOccurrences(of: "%", with: ""))! / 100
            var random = SeededRandom(seed: seed)
            let drawn = Array(slugs.shuffled(using: &random).prefix(max(1, Int((Double(slugs.count) * share).rounded())))).sorted()
            let names = coders.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let added = try database.assign(drawn, to: names)
            print("Assigned \(drawn.count) of \(slugs.count) fiches to \(names.joined(separator: ", ")) (\(added) new assignments):")
            for slug in drawn { print("  \(slug)") }
        }
    }
}

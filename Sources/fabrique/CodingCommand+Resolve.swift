import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStats
import FabriqueStore
import Foundation

extension CodingCommand {
    /// `fabrique coding resolve`.
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the consensus level of a fiche on a criterion, after adjudication; reports use it before single codings.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The fiche (slug).", valueName: "slug")) var experience: String
        @Option(help: ArgumentHelp("The criterion code.", valueName: "code")) var criterion: String
        @Option(help: ArgumentHelp("The agreed level.", valueName: "n")) var level: Int
        @Option(help: ArgumentHelp("Who adjudicates.", valueName: "name")) var adjudicator: String
        @Option(help: ArgumentHelp("Why, for the record.", valueName: "text")) var memo = ""
        @Option(help: ArgumentHelp("Quotes justifying the level, separated by ' || '.", valueName: "quotes")) var excerpts = ""

        func run() throws {
            let context = try Context(database)
            guard let body = context.bodies[experience] else { throw InputError("unknown fiche '\(experience)'") }
            guard context.codebook.criteria.contains(criterion) else {
                throw InputError("'\(criterion)' is not a criterion of codebook '\(context.codebook.id)'")
            }
            guard context.codebook.levels.contains(level) else { throw InputError("\(level) is not a level of the codebook") }
            var located: [Excerpt] = []
            for quote in excerpts.components(separatedBy: "||").map({ $0.trimmingCharacters(in: .whitespaces) }) where !quote.isEmpty {
                guard let excerpt = Excerpt.locate(quote, in: body) else {
                    throw InputError("« \(quote) » does not appear in the fiche '\(experience)'")
                }
                located.append(excerpt)
            }
            _ = try context.database.saveCodings(
                [
                    Coding(
                        experience: experience, criterion: criterion, coder: adjudicator, consensus: true,
                        codebookId: context.codebook.id, codebookVersion: context.codebook.version,
                        level: level, memo: memo, excerpts: located)
                ], actor: adjudicator, at: CodingCommand.now())
            print("Consensus set: \(experience) — \(criterion) = \(level) (\(adjudicator))")
        }
    }
}

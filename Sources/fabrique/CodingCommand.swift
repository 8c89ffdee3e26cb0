import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStats
import FabriqueStore
import Foundation

/// `fabrique coding`: codings of the fiches against the codebook, double coding and agreement.
struct CodingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coding",
        abstract: "Code fiches against the codebook: import and export codings, blind double coding, agreement, adjudication.",
        subcommands: [Import.self, Export.self, Assign.self, Agreement.self, Disagreements.self, Resolve.self, Profile.self, Query.self]
    )

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// The codebook, the fiches' texts and the blind rule, as the database holds them.
    struct Context {
        let database: any FabriqueStore
        let codebook: (id: String, version: Int, criteria: [String], levels: [Int])
        let bodies: [String: String]

        init(_ options: DatabaseOptions) throws {
            database = try options.open()
            guard let codebook = try database.currentCodebook() else { throw InputError("no codebook in the database: run 'fabrique init'") }
            self.codebook = codebook
            bodies = Dictionary(uniqueKeysWithValues: try database.experiences().map { ($0.slug, $0.body) })
        }

        var blind: BlindCoding { get throws { BlindCoding(criteria: codebook.criteria, assignments: try database.assignments()) } }
    }
}

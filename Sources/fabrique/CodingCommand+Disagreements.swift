import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStats
import FabriqueStore
import Foundation

extension CodingCommand {
    /// `fabrique coding disagreements`.
    struct Disagreements: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List each fiche × criterion where finished coders disagree and no consensus is set, with each coder's level and excerpts.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let context = try Context(database)
            let list = CodingAgreement.disagreements(try context.blind.visible(try context.database.codings(), to: nil))
            if list.isEmpty {
                print("No disagreement to settle among the finished fiches (a fiche counts once every assigned coder has coded every criterion).")
                return
            }
            for item in list {
                print("\(item.experience) — \(item.criterion)")
                for c in item.codings {
                    print(
                        "  \(c.coder): level \(c.level)"
                            + (c.excerpts.isEmpty ? "" : " — « " + c.excerpts.map(\.quote).joined(separator: " » « ") + " »"))
                }
            }
        }
    }
}

import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueStore
import Foundation

/// `fabrique experiences`: the base of capitalised experiences (Inspir'actions fiches).
struct ExperiencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiences",
        abstract: "Import and search the capitalised experiences (Inspir'actions fiches).",
        subcommands: [Import.self, Search.self]
    )
}

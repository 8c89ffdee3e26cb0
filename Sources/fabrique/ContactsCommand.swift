import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore
import Foundation

/// `fabrique contacts`: the private base of people to invite.
struct ContactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "Manage the private base of contacts to invite.",
        subcommands: [Import.self, List.self]
    )
}

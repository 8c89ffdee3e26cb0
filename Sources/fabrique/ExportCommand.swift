import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore

/// `fabrique export`: responses and the data dictionary, for spreadsheets and other tools.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export responses and the data dictionary.",
        subcommands: [Responses.self, Dictionary.self]
    )
}

import ArgumentParser
import FabriqueCSV
import FabriqueImport
import FabriqueCore
import FabriqueStore
import Foundation

/// `fabrique contacts`: the private base of people to invite.
struct ContactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "Manage the private base of contacts to invite.",
        subcommands: [Import.self, List.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import contacts from a CSV file (keyed on the email: a known email is updated).",
            discussion: """
                Columns (French names accepted): name (nom), email (courriel), organisation (structure), role (fonction), \
                region (INSEE code or name), departement (code), approaches (demarches: CLS, CLSM, ASV separated by ';' or spaces). \
                Every problem is reported with its line and column, and nothing is imported while one remains.
                """
        )
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The CSV file (UTF-8 or Windows-1252, ',' or ';').", valueName: "file.csv"))
        var file: String

        func run() throws {
            let db = try database.open()
            let contacts = try ContactCSV.read(file, referential: try db.referential())
            let counts = try db.saveContacts(contacts)
            print("Contacts: \(counts.inserted) added, \(counts.updated) updated (\(contacts.count) read from \(file)).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the contacts.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only the contacts of this region (INSEE code).") var region: String?
        @OptionGroup var reader: AccountScopeOption

        func run() throws {
            let db = try database.open()
            let scope = try reader.scope(db)
            if let region { try scope?.require(region: region) }
            let contacts = try db.contacts(region: region).filter { scope?.allows(region: $0.regionCode) ?? true }
            print(Console.table([["name", "email", "organisation", "region", "departement", "approaches"]]
                + contacts.map { [$0.name, $0.email, $0.organisation, $0.regionCode ?? "", $0.departementCode ?? "", $0.approaches.joined(separator: " ")] }))
        }
    }
}

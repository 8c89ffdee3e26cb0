import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore
import Foundation

extension ContactsCommand {
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
}

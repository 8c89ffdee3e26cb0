import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore
import Foundation

extension ContactsCommand {
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
            print(
                Console.table(
                    [["name", "email", "organisation", "region", "departement", "approaches"]]
                        + contacts.map {
                            [$0.name, $0.email, $0.organisation, $0.regionCode ?? "", $0.departementCode ?? "", $0.approaches.joined(separator: " ")]
                        }))
        }
    }
}

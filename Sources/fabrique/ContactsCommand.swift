import ArgumentParser
import FabriqueCSV
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

/// Contacts from a CSV file, every row checked against the referential before anything is saved.
enum ContactCSV {
    static let approaches = ["CLS", "CLSM", "ASV"]
    static let aliases = ["nom": "name", "courriel": "email", "e-mail": "email", "mail": "email", "structure": "organisation",
                          "fonction": "role", "région": "region", "département": "departement", "demarches": "approaches",
                          "démarches": "approaches"]

    static func read(_ path: String, referential: Referential) throws -> [Contact] {
        var contacts: [Contact] = []
        var problems: [String] = []
        var seen: [String: Int] = [:]
        let regionByName = Dictionary(referential.regions.flatMap { [($0.name.folded, $0.code), ($0.slug, $0.code), ($0.code, $0.code)] },
                                      uniquingKeysWith: { first, _ in first })
        try CSVReader(path: path).forEachNamedRow(required: ["name", "email"], aliases: aliases) { row in
            func problem(_ column: String, _ message: String) { problems.append("\(path) line \(row.line), column \"\(column)\": \(message)") }
            let email = row["email"]
            if !isEmail(email) { problem("email", "\"\(email)\" is not an email address (expected name@domain.fr)") }
            if let first = seen[email.lowercased()] { problem("email", "\(email) is already on line \(first); keep one row per person") }
            seen[email.lowercased()] = row.line
            if row["name"].isEmpty { problem("name", "the name is empty") }
            var region: String? = nil
            if !row["region"].isEmpty {
                region = regionByName[row["region"].folded] ?? regionByName[row["region"]]
                if region == nil { problem("region", "\"\(row["region"])\" is not a region (give its INSEE code, such as 44, or its name)") }
            }
            var departement: String? = nil
            if !row["departement"].isEmpty {
                let code = row["departement"].count == 1 ? "0" + row["departement"] : row["departement"].uppercased()
                if let known = referential.departements.first(where: { $0.code == code }) {
                    departement = known.code
                    if let region, known.region != region { problem("departement", "département \(code) is not in region \(region)") }
                    if region == nil { region = known.region }
                } else {
                    problem("departement", "\"\(row["departement"])\" is not a département code (such as 67 or 2A)")
                }
            }
            let given = row.list("approaches", separators: ";, ").map { $0.uppercased() }
            for unknown in given where !approaches.contains(unknown) { problem("approaches", "\"\(unknown)\" is not one of \(approaches.joined(separator: ", "))") }
            contacts.append(Contact(email: email, name: row["name"], organisation: row["organisation"], role: row["role"], regionCode: region,
                                    departementCode: departement, approaches: approaches.filter { given.contains($0) }))
        }
        guard problems.isEmpty else { throw InputError(problems.joined(separator: "\n")) }
        return contacts
    }

    /// A plausible address: one @, something before, a dotted domain after, no spaces.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" })
    }
}

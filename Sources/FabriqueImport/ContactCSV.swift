import FabriqueCSV
import FabriqueCore
import FabriqueStore
import Foundation

/// Contacts from a CSV file, every row checked against the referential before anything is saved.
public enum ContactCSV {
    /// The approaches a contact may coordinate.
    public static let approaches = ["CLS", "CLSM", "ASV"]
    /// French and variant column names, read as the canonical ones.
    public static let aliases = [
        "nom": "name", "courriel": "email", "e-mail": "email", "mail": "email", "structure": "organisation",
        "fonction": "role", "région": "region", "département": "departement", "demarches": "approaches",
        "démarches": "approaches"
    ]

    /// The contacts of a file, or every problem of every row (`RowProblems`) and nothing.
    public static func read(_ path: String, referential: Referential) throws -> [Contact] {
        var contacts: [Contact] = []
        var problems: [String] = []
        var seen: [String: Int] = [:]
        let regionByName = Dictionary(
            referential.regions.flatMap { [($0.name.folded, $0.code), ($0.slug, $0.code), ($0.code, $0.code)] },
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
            for unknown in given where !approaches.contains(unknown) {
                problem("approaches", "\"\(unknown)\" is not one of \(approaches.joined(separator: ", "))")
            }
            contacts.append(
                Contact(
                    email: email, name: row["name"], organisation: row["organisation"], role: row["role"], regionCode: region,
                    departementCode: departement, approaches: approaches.filter { given.contains($0) }))
        }
        guard problems.isEmpty else { throw RowProblems(problems) }
        return contacts
    }

    /// A plausible address: one @, something before, a dotted domain after, no spaces.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" })
    }
}

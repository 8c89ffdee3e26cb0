import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueStore
import Foundation

/// `fabrique invite`: personal links for the contacts, and the survey's open link.
struct InviteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Give each contact a personal link to a survey, written to a mail-merge CSV.",
        discussion: """
            Each link carries a random token of 128 bits; only its SHA-256 is stored, so the links exist only in the file written now. \
            Contacts who already have an invitation are skipped, unless --reissue gives a new link to those who have not answered \
            (their old link stops working). --open creates or replaces the survey's open, anonymous link instead.
            """
    )
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The survey to invite to.") var survey: String
    @Option(help: "Only the contacts of this region (INSEE code).") var region: String?
    @Option(help: ArgumentHelp("Write the mail-merge CSV here (default: standard output).", valueName: "links.csv")) var out: String?
    @Option(help: ArgumentHelp("The app's public address (default: $FABRIQUE_BASE_URL, else http://127.0.0.1:8080).", valueName: "url"))
    var baseURL: String?
    @Flag(help: "Give new links to invited contacts who have not answered yet.") var reissue = false
    @Flag(name: .customLong("open"), help: "Create or replace the survey's open, anonymous link and print it.") var openLink = false

    var base: String {
        let url = baseURL ?? ProcessInfo.processInfo.environment["FABRIQUE_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080"
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    func run() throws {
        let db = try database.open()
        _ = try db.surveySource(id: survey)
        if try db.surveyClosing(id: survey)?.closedAt != nil {
            throw InputError("survey '\(survey)' is closed: its links would show that it is closed. Run 'fabrique survey reopen \(survey)' first")
        }
        let now = ISO8601DateFormatter().string(from: Date())
        if openLink {
            let token = SecretToken.generate(bytes: 16)
            try db.saveOpenLink(surveyId: survey, tokenSHA256: SecretToken.hash(token), at: now)
            print("\(base)/o/\(token)")
            return
        }
        let contacts = try db.contactsToInvite(surveyId: survey, region: region, reissue: reissue)
        guard !contacts.isEmpty else {
            // Never overwrite a links file with an empty one: it may be the only copy of the links.
            Console.error(
                "No contact to invite: every contact\(region.map { " of region \($0)" } ?? "") already has an invitation. "
                    + "Use --reissue to give new links to those who have not answered.")
            return
        }
        let tokens = contacts.map { _ in SecretToken.generate(bytes: 16) }
        var rows = [["name", "email", "organisation", "region", "departement", "approaches", "url"]]
        for (contact, token) in zip(contacts, tokens) {
            rows.append([
                contact.name, contact.email, contact.organisation, contact.regionCode ?? "", contact.departementCode ?? "",
                contact.approaches.joined(separator: " "), "\(base)/r/\(token)"
            ])
        }
        // The file is written before the tokens are stored, and moved into place after: a failure
        // at any step leaves either no new links or links that all work.
        let temporary = out.map { $0 + ".tmp" }
        if let temporary {
            let writer = try CSVWriter(path: temporary, format: .spreadsheet)
            for row in rows { try writer.write(row) }
            try writer.finish()
        }
        do {
            try db.saveInvitations(
                surveyId: survey, zip(contacts, tokens).map { NewInvitation(contactEmail: $0.email, tokenSHA256: SecretToken.hash($1)) },
                at: now)
        } catch {
            if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
            throw error
        }
        if let out, let temporary {
            _ = try? FileManager.default.removeItem(atPath: out)
            try FileManager.default.moveItem(atPath: temporary, toPath: out)
            Console.error("\(contacts.count) invitation(s) written to \(out). Keep this file private: each link opens one person's questionnaire.")
        } else {
            let writer = CSVWriter(standardOutputWith: .spreadsheet)
            for row in rows { try writer.write(row) }
            try writer.finish()
        }
    }
}

import ArgumentParser
import FabriqueCore
import FabriqueImport
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
        baseURL ?? ProcessInfo.processInfo.environment["FABRIQUE_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080"
    }

    func run() throws {
        let db = try database.open()
        _ = try db.surveySource(id: survey, version: nil)
        if try db.surveyClosing(id: survey)?.closedAt != nil {
            throw InputError("survey '\(survey)' is closed: its links would show that it is closed. Run 'fabrique survey reopen \(survey)' first")
        }
        let now = ISO8601DateFormatter().string(from: Date())
        let issuer = InvitationIssuer(database: db, surveyId: survey, baseURL: base)
        if openLink {
            print(try issuer.issueOpenLink(at: now))
            return
        }
        let count = try issuer.issue(region: region, reissue: reissue, to: out, at: now)
        if count == 0 {
            Console.error(
                "No contact to invite: every contact\(region.map { " of region \($0)" } ?? "") already has an invitation. "
                    + "Use --reissue to give new links to those who have not answered.")
        } else if let out {
            Console.error("\(count) invitation(s) written to \(out). Keep this file private: each link opens one person's questionnaire.")
        }
    }
}

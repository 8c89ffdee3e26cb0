import ArgumentParser
import FabriqueStore
import Foundation

/// `fabrique erase`: the right to erasure (RGPD article 17), for a contact or one response.
struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a person's data (RGPD right to erasure): a contact and all they answered, or one response.",
        discussion: """
            Everything goes in one transaction, with SQLite's secure_delete on, and the file is then compacted (VACUUM), so that no copy \
            of the erased data stays in the database file. The erasure log keeps the kind, date, actor and reason, never the erased data: \
            do not write names or e-mails in --reason. Reports made afterwards no longer count the erased responses.
            """,
        subcommands: [Contact.self, Response.self]
    )

    /// The options every erasure takes.
    struct Options: ParsableArguments {
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Why the data is erased (required; recorded in the erasure log, so write no personal data in it).") var reason: String
        @Option(help: ArgumentHelp("Who erases (default: $USER).", valueName: "name")) var actor: String?
        @Flag(help: "List what would be erased, and change nothing.") var dryRun = false

        func validate() throws {
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ValidationError("--reason must not be empty") }
        }

        /// The actor in force: the option, else the login name.
        var who: String { actor ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "cli" }

        /// What an erasure removed, one line per item, then a summary.
        func print(_ report: ErasureReport, subject: String) {
            Swift.print(dryRun ? "Dry run, nothing was changed. Erasing \(subject) would remove:" : "Erased \(subject):")
            let rows = report.items.map { [$0.kind.rawValue.replacingOccurrences(of: "_", with: " "), $0.surveyId ?? "", $0.detail] }
            Swift.print(Console.table([["item", "survey", "detail"]] + rows))
            if !dryRun { Swift.print("Recorded in the erasure log (kind, date, actor, reason; not the erased data).") }
        }
    }

    /// `fabrique erase contact EMAIL`.
    struct Contact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a contact, their invitations and drafts, the responses they sent and those responses' edit details.")
        @OptionGroup var options: Options
        @Argument(help: ArgumentHelp("The contact's e-mail address (case does not matter).", valueName: "email")) var email: String

        func run() throws {
            let report = try options.database.open().eraseContact(
                email: email, reason: options.reason, actor: options.who,
                at: Date().formatted(.iso8601), dryRun: options.dryRun)
            options.print(report, subject: "contact \(email)")
        }
    }

    /// `fabrique erase response --survey ID RESPONSE_ID`.
    struct Response: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase one stored response and its edit details; its invitation stays, used, so the person is not invited again.")
        @OptionGroup var options: Options
        @Option(help: "The survey the response belongs to.") var survey: String
        @Argument(help: ArgumentHelp("The response id, as the response's page or an export shows it.", valueName: "response-id"))
        var responseId: String

        func run() throws {
            let report = try options.database.open().eraseResponse(
                surveyId: survey, responseId: responseId, reason: options.reason,
                actor: options.who, at: Date().formatted(.iso8601), dryRun: options.dryRun)
            options.print(report, subject: "response \(responseId) of survey \(survey)")
        }
    }
}

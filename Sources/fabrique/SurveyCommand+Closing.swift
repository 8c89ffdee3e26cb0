import ArgumentParser
import FabriqueStore
import Foundation

extension SurveyCommand {
    /// `fabrique survey close ID [--unlink]`.
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop collecting a survey: its links then say, in French, that it is closed; drafts can no longer be saved or sent.",
            discussion: """
                --unlink also severs every invitation of the survey from its contact and from its response (the contact's region and \
                approaches stay on the invitation, so response rates by region still add up) and deletes unsent drafts. It cannot be \
                undone: 'survey reopen' opens the links again but does not restore the links between people and responses.
                """
        )
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The survey id.", valueName: "id")) var id: String
        @Flag(help: "Sever contacts from invitations and responses (irreversible).") var unlink = false
        @Option(help: ArgumentHelp("Who closes, for the erasure log of --unlink (default: $USER).", valueName: "name")) var actor: String?

        func run() throws {
            let who = actor ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "cli"
            let report = try database.open().closeSurvey(id: id, at: Date().formatted(.iso8601), unlink: unlink, actor: who)
            print(
                report.wasOpen
                    ? "Survey '\(id)' is closed: its links now show that the survey is closed (HTTP 410)."
                    : "Survey '\(id)' was already closed.")
            if unlink {
                print(
                    "Unlinked: \(report.invitationsUnlinked) invitation(s) no longer tied to a contact (region and approaches kept), "
                        + "\(report.responsesUnlinked) response(s) no longer tied to an invitation, \(report.draftsDeleted) unsent draft(s) deleted.")
            }
        }
    }

    /// `fabrique survey reopen ID`.
    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a closed survey again (links unlinked by 'close --unlink' stay unlinked).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The survey id.", valueName: "id")) var id: String

        func run() throws {
            let wasClosed = try database.open().reopenSurvey(id: id)
            print(wasClosed ? "Survey '\(id)' is open again: its links accept answers." : "Survey '\(id)' was not closed.")
        }
    }
}

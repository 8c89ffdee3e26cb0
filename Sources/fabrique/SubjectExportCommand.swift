import ArgumentParser
import FabriqueCore
import FabriqueStore
import Foundation

/// `fabrique subject-export EMAIL`: the rights of access and portability (RGPD articles 15 and 20).
struct SubjectExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject-export",
        abstract: "Print as JSON everything held about a contact (RGPD rights of access and portability).",
        discussion: """
            The JSON (pretty-printed, sorted keys) holds the contact's fields, their invitations (survey, created, submitted; no token), \
            their unsent drafts, their responses with every stored value by variable name, and those responses' edit history. \
            Send it to the person over a secure channel: it is personal data.
            """
    )
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The contact's e-mail address (case does not matter).", valueName: "email")) var email: String
    @Option(help: ArgumentHelp("Write the JSON to this file instead of standard output.", valueName: "file.json")) var out: String?

    func run() throws {
        let export = try database.open().subjectExport(email: email, at: Date().formatted(.iso8601))
        let text = try JSONOutput.text(export, style: .pretty)
        guard let out else { return print(text) }
        do {
            try (text + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            throw InputError("cannot write \(out): \(error.localizedDescription)")
        }
        Console.error(
            "Export of \(email) written to \(out): \(export.invitations.count) invitation(s), \(export.drafts.count) draft(s), "
                + "\(export.responses.count) response(s).")
    }
}

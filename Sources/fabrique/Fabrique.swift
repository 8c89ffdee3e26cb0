import ArgumentParser
import FabriqueCore
import Foundation

/// The `fabrique` command: surveys, seeds and demo data for territorial health studies.
@main
struct Fabrique: AsyncParsableCommand {
    static let version = FabriqueVersion.current

    static let configuration = CommandConfiguration(
        commandName: "fabrique",
        abstract: "A workbench for survey and capitalisation studies in territorial public health.",
        discussion: """
            Exit status: 0 on success, 1 when an input is wrong (the message says what and where), 2 on a usage error.
            The database is fabrique.sqlite, or --db PATH, or the FABRIQUE_DB environment variable; \
            an address postgres://USER@HOST/DB runs on PostgreSQL (password in PGPASSWORD).
            """,
        version: version,
        groupedSubcommands: [
            CommandGroup(name: "Set up", subcommands: [InitCommand.self, DemoCommand.self, DatabaseCommand.self]),
            CommandGroup(
                name: "Questionnaires and responses", subcommands: [SurveyCommand.self, CSVCommand.self, ImportCommand.self, ExportCommand.self]),
            CommandGroup(name: "Tables and reports", subcommands: [TableCommand.self, TablesCommand.self, AnalysisCommand.self, ReportCommand.self]),
            CommandGroup(
                name: "Experiences and coding",
                subcommands: [ExperiencesCommand.self, CodebookCommand.self, CodingCommand.self, AgreementCommand.self]),
            CommandGroup(name: "Web collection", subcommands: [ContactsCommand.self, InviteCommand.self, UserCommand.self, ServeCommand.self]),
            CommandGroup(name: "Personal data (RGPD)", subcommands: [EraseCommand.self, SubjectExportCommand.self, PurgeCommand.self])
        ]
    )

    /// Runs the command, mapping errors to the documented exit statuses.
    static func main() async {
        do {
            var command = try parseAsRoot(liftingGlobalDatabaseOption(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(with: error)
        }
    }

    /// `fabrique --db PATH COMMAND …` is accepted as well as `fabrique COMMAND --db PATH …`: a leading
    /// `--db` becomes the default that `FABRIQUE_DB` would give, and an option after the command wins.
    static func liftingGlobalDatabaseOption(_ arguments: [String]) -> [String] {
        var rest = arguments[...]
        while let first = rest.first, first == "--db" || first.hasPrefix("--db=") {
            if first == "--db" {
                guard rest.count >= 2 else { break }
                setenv("FABRIQUE_DB", rest[rest.startIndex + 1], 1)
                rest = rest.dropFirst(2)
            } else {
                setenv("FABRIQUE_DB", String(first.dropFirst("--db=".count)), 1)
                rest = rest.dropFirst()
            }
        }
        return Array(rest)
    }

    static func exit(with error: Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            print(fullMessage(for: error))
            Foundation.exit(0)
        }
        if code == .validationFailure {
            Console.error(fullMessage(for: error))
            Foundation.exit(2)
        }
        if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
        Console.error((error as? LocalizedError)?.errorDescription ?? "\(error)")
        Foundation.exit(1)
    }
}

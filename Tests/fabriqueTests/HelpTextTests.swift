import ArgumentParser
import FabriqueTestSupport
import Foundation
import Testing

@testable import fabrique

/// Help text is part of the interface: every command and option explains itself.
struct HelpTextTests {
    @Test func rootHelpListsTheCommands() {
        #expect(
            Fabrique.helpMessage(columns: 100) == """
                OVERVIEW: A workbench for survey and capitalisation studies in territorial public health.

                Exit status: 0 on success, 1 when an input is wrong (the message says what and where), 2 on a usage
                error.
                The database is fabrique.sqlite, or --db PATH, or the FABRIQUE_DB environment variable; an address
                postgres://USER@HOST/DB runs on PostgreSQL (password in PGPASSWORD).

                USAGE: fabrique <subcommand>

                OPTIONS:
                  --version               Show the version.
                  -h, --help              Show help information.

                SET UP SUBCOMMANDS:
                  init                    Create or migrate the database and load the referential, the codebook,
                                          the surveys and the sample experiences.
                  demo                    Make demo and benchmark data.
                  db                      Move a study between databases (SQLite files and PostgreSQL).

                QUESTIONNAIRES AND RESPONSES SUBCOMMANDS:
                  survey                  Check, inspect, import and export questionnaire files; close and reopen a
                                          survey.
                  csv                     Look at CSV files before importing them.
                  import                  Import data exported by other tools.
                  export                  Export responses and the data dictionary.

                TABLES AND REPORTS SUBCOMMANDS:
                  table                   Make one statistical table from stored responses, with small-cell
                                          suppression.
                  tables                  Make every table of an analysis spec (analyses/*.yaml), for France or one
                                          region.
                  analysis                Check analysis specs.
                  report                  Write the synthesis reports: one Markdown file per region, France's and
                                          an index, or a thematic dossier ressources.

                EXPERIENCES AND CODING SUBCOMMANDS:
                  experiences             Import and search the capitalised experiences (Inspir'actions fiches).
                  codebook                Show, check, export and import the codebook (the criteria of a
                                          territorial health project).
                  coding                  Code fiches against the codebook: import and export codings, blind double
                                          coding, agreement, adjudication.
                  agreement               Measure agreement between coders: Krippendorff's alpha with a bootstrap
                                          interval, percent agreement, Cohen's and Fleiss' kappa, Gwet's AC1/AC2,
                                          Brennan-Prediger.

                WEB COLLECTION SUBCOMMANDS:
                  contacts                Manage the private base of contacts to invite.
                  invite                  Give each contact a personal link to a survey, written to a mail-merge
                                          CSV.
                  user                    Manage the staff accounts of the web app.
                  serve                   Serve the web app: respondent forms, open links and the staff dashboard.

                PERSONAL DATA (RGPD) SUBCOMMANDS:
                  erase                   Erase a person's data (RGPD right to erasure): a contact and all they
                                          answered, or one response.
                  subject-export          Print as JSON everything held about a contact (RGPD rights of access and
                                          portability).
                  purge                   Delete the personal data kept longer than the surveys' retention periods
                                          (drafts, invitations, contacts, edit details).

                  See 'fabrique help <subcommand>' for detailed help.
                """)
    }

    /// Every command of the tree, found from the root's subcommands, so that none is forgotten.
    static func allCommands(_ root: any ParsableCommand.Type = Fabrique.self) -> [any ParsableCommand.Type] {
        [root] + root.configuration.subcommands.flatMap { allCommands($0) }
    }

    @Test func theWalkFindsEveryLeafCommand() {
        let names = Set(Self.allCommands().map { String(describing: $0) })
        // A few leaves from each group: if the walk missed a level, these would be absent.
        for leaf in ["Add", "Scope", "Disable", "Contact", "Close", "Preview", "GenerateResponses", "Dictionary"] {
            #expect(names.contains(leaf), "\(leaf)")
        }
        #expect(Self.allCommands().count > 40)
    }

    @Test func everyOptionHasHelp() {
        for command in Self.allCommands() {
            let help = Fabrique.helpMessage(for: command, columns: 200)
            #expect(!command.configuration.abstract.isEmpty, "\(command) has no abstract")
            // An option without help shows its name with nothing after it on the line.
            for line in help.split(separator: "\n") where line.hasPrefix("  -") {
                #expect(line.split(separator: " ", omittingEmptySubsequences: true).count > 1, "\(command): \(line)")
            }
        }
    }

    /// docs/cli.md holds every command's help as the binary prints it; scripts/update-cli-doc.py
    /// rewrites it after a change, and its --check says where the reference drifted.
    @Test func theCommandReferenceMatchesTheHelp() throws {
        let cli = try CommandRunner()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Fixtures.path("scripts/update-cli-doc.py"), "--check", "--doc", Fixtures.path("docs/cli.md"), cli.executable.path
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "docs/cli.md is out of date: run scripts/update-cli-doc.py\n\(text)")
    }
}

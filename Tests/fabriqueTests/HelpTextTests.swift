@testable import fabrique
import Testing

/// Help text is part of the interface: every command and option explains itself.
struct HelpTextTests {
    @Test func rootHelpListsTheCommands() {
        #expect(Fabrique.helpMessage(columns: 100) == """
            OVERVIEW: A workbench for survey and capitalisation studies in territorial public health.

            Exit status: 0 on success, 1 when an input is wrong (the message says what and where), 2 on a usage
            error.
            The database is fabrique.sqlite, or --db PATH, or the FABRIQUE_DB environment variable.

            USAGE: fabrique <subcommand>

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.

            SUBCOMMANDS:
              init                    Create or migrate the database and load the referential, the codebook,
                                      the surveys and the sample experiences.
              survey                  Check and inspect questionnaire files; close and reopen a survey.
              csv                     Look at CSV files before importing them.
              import                  Import data exported by other tools.
              export                  Export responses and the data dictionary.
              agreement               Measure agreement between coders: Krippendorff's alpha with a bootstrap
                                      interval, percent agreement, Cohen's kappa.
              table                   Make one statistical table from stored responses, with small-cell
                                      suppression.
              tables                  Make every table of an analysis spec (analyses/*.yaml), for France or one
                                      region.
              report                  Write the synthesis reports: one Markdown file per region, France's and
                                      an index, or a thematic dossier ressources.
              analysis                Check analysis specs.
              experiences             Import and search the capitalised experiences (Inspir'actions fiches).
              codebook                Show and check the codebook (the criteria of a territorial health
                                      project).
              coding                  Code fiches against the codebook: import and export codings, blind double
                                      coding, agreement, adjudication.
              contacts                Manage the private base of contacts to invite.
              invite                  Give each contact a personal link to a survey, written to a mail-merge
                                      CSV.
              user                    Manage the staff accounts of the web app.
              erase                   Erase a person's data (RGPD right to erasure): a contact and all they
                                      answered, or one response.
              subject-export          Print as JSON everything held about a contact (RGPD rights of access and
                                      portability).
              purge                   Delete the personal data kept longer than the surveys' retention periods
                                      (drafts, invitations, contacts, edit details).
              serve                   Serve the web app: respondent forms, open links and the staff dashboard.
              demo                    Make demo and benchmark data.

              See 'fabrique help <subcommand>' for detailed help.
            """)
    }

    @Test func everyOptionHasHelp() {
        let commands: [any ParsableCommandHelp.Type] = [
            InitCommand.self, SurveyCommand.Validate.self, SurveyCommand.Show.self, DemoCommand.GenerateResponses.self,
            CSVCommand.Preview.self, ImportCommand.Responses.self, ExportCommand.Responses.self, ExportCommand.Dictionary.self,
            AgreementCommand.self, TableCommand.self, TablesCommand.self, AnalysisCommand.Validate.self,
            ContactsCommand.Import.self, ContactsCommand.List.self, InviteCommand.self, UserCommand.Add.self, UserCommand.Password.self,
            ServeCommand.self, EraseCommand.Contact.self, EraseCommand.Response.self, SubjectExportCommand.self, PurgeCommand.self,
            SurveyCommand.Close.self, SurveyCommand.Reopen.self,
        ]
        for command in commands {
            let help = command.helpText
            // An option without help shows its name with nothing after it on the line.
            for line in help.split(separator: "\n") where line.hasPrefix("  -") {
                #expect(line.split(separator: " ", omittingEmptySubsequences: true).count > 1, "\(command): \(line)")
            }
        }
    }
}

import ArgumentParser

/// Gives the help text of any command type.
protocol ParsableCommandHelp { static var helpText: String { get } }
extension InitCommand: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension SurveyCommand.Validate: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension SurveyCommand.Show: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension DemoCommand.GenerateResponses: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension CSVCommand.Preview: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension ImportCommand.Responses: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension ExportCommand.Responses: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension TablesCommand: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension AnalysisCommand.Validate: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension TableCommand: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension AgreementCommand: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension ExportCommand.Dictionary: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension ContactsCommand.Import: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension ContactsCommand.List: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension InviteCommand: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension UserCommand.Add: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension UserCommand.Password: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension ServeCommand: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension EraseCommand.Contact: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension EraseCommand.Response: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension SubjectExportCommand: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension PurgeCommand: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension SurveyCommand.Close: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }
extension SurveyCommand.Reopen: ParsableCommandHelp { static var helpText: String { helpMessage(columns: 200) } }

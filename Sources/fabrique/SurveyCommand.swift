import ArgumentParser
import FabriqueCore

/// `fabrique survey`: check and inspect questionnaire files.
struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Check, inspect, import and export questionnaire files; close and reopen a survey.",
        subcommands: [Validate.self, Show.self, Import.self, Export.self, Close.self, Reopen.self]
    )

    /// `fabrique survey validate FILE`.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a questionnaire file and report every problem as FILE:LINE:COLUMN: message.",
            discussion: "Exits 0 when the file is valid, 1 when it has problems (listed on standard error)."
        )

        @Argument(help: ArgumentHelp("The questionnaire file (YAML).", valueName: "file"))
        var file: String

        @Option(help: "Output format: table (problems on stderr) or json (a list of problems on stdout).")
        var format: OutputFormat = .table

        func validate() throws {
            guard format == .table || format == .json else { throw ValidationError("survey validate prints --format table or json") }
        }

        func run() throws {
            let text = try readText(file)
            let problems = SurveyLoader.problems(in: text, file: file)
            if format == .json {
                print(try JSONOutput.text(problems.map(ProblemJSON.init), style: .pretty))
            } else if problems.isEmpty {
                let survey = try SurveyLoader.load(text, file: file)
                print(
                    "\(file): valid — survey '\(survey.id)' version \(survey.version), \(survey.sections.count) sections, "
                        + "\(survey.questions.count) questions, \(survey.fields.count) answer variables"
                )
            } else {
                for problem in problems { Console.error(problem.description) }
                Console.error("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(file)")
            }
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }

    /// `fabrique survey show FILE`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an outline of a questionnaire: sections, questions, types, choices and conditions."
        )

        @Argument(help: ArgumentHelp("The questionnaire file (YAML).", valueName: "file"))
        var file: String

        @Option(help: "Output format: table, md or json.")
        var format: OutputFormat = .table

        func validate() throws {
            guard format != .csv else { throw ValidationError("survey show prints --format table, md or json") }
        }

        func run() throws {
            let survey = try SurveyLoader.load(try readText(file), file: file)
            switch format {
            case .json: print(try JSONOutput.text(SurveyOutline(survey), style: .pretty))
            case .md: print(SurveyOutline(survey).markdown)
            default: print(SurveyOutline(survey).text)
            }
        }
    }
}

/// A located problem as printed by `--format json`: `{"file", "line", "column", "message"}`.
struct ProblemJSON: Encodable {
    var file: String
    var line: Int
    var column: Int
    var message: String

    init(_ problem: SourceProblem) {
        file = problem.file
        line = problem.location.line
        column = problem.location.column
        message = problem.message
    }
}

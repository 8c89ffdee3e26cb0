import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueStore
import Foundation

/// `fabrique codebook`: the coding frame.
struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Show, check, export and import the codebook (the criteria of a territorial health project).",
        subcommands: [Show.self, Validate.self, Export.self, Import.self]
    )

    /// `fabrique codebook show [FILE]`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the criteria, their definitions and the anchor of each level.")

        @Argument(help: ArgumentHelp("The codebook file.", valueName: "file"))
        var file = "seeds/codebook.yaml"

        @Option(help: "Output format: table or md.")
        var format: OutputFormat = .table

        func run() throws {
            let file = DataFolder.resolve(self.file)
            let codebook = try CodebookParser.parse(try readText(file), file: file)
            let levels = Dictionary(uniqueKeysWithValues: codebook.levels.map { ($0.value, $0.label) })
            var lines = [
                format == .md
                    ? "# \(codebook.title) (version \(codebook.version))" : "\(codebook.title) — \(codebook.id), version \(codebook.version)"
            ]
            for criterion in codebook.criteria {
                lines += [
                    "", format == .md ? "## \(criterion.label) (`\(criterion.code)`)" : "[\(criterion.code)] \(criterion.label)", "",
                    criterion.definition, ""
                ]
                for level in criterion.anchors.keys.sorted() {
                    lines.append(
                        format == .md
                            ? "- **\(level) \(levels[level] ?? "")** : \(criterion.anchors[level]!)"
                            : "  \(level) \(levels[level] ?? ""): \(criterion.anchors[level]!)")
                }
            }
            print(lines.joined(separator: "\n"))
        }
    }

    /// `fabrique codebook validate FILE`.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a codebook and report every problem as FILE:LINE:COLUMN: message.")

        @Argument(help: ArgumentHelp("The codebook file.", valueName: "file"))
        var file: String

        func run() throws {
            do {
                let codebook = try CodebookParser.parse(try readText(file), file: file)
                print(
                    "\(file): valid — codebook '\(codebook.id)' version \(codebook.version), "
                        + "\(codebook.criteria.count) criteria, \(codebook.levels.count) levels"
                )
            } catch let error as SourceProblems {
                for problem in error.problems { Console.error(problem.description) }
                throw ExitCode(1)
            }
        }
    }
}

import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore
import Foundation

extension ExperiencesCommand {
    /// `fabrique experiences import PATH`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import fiches: Markdown with YAML front matter (a file or a folder of .md files), or a CSV file.",
            discussion:
                "Fields are checked against the referential (region, département in its region, themes); "
                + "every problem is reported with its file and line, and nothing is imported while one remains. "
                + "Re-importing is idempotent, keyed on the slug (the file name). "
                + "A CSV has the columns slug, title, year, region, departement, territory_type, approaches and themes "
                + "(separated by ';' or spaces), lead_structure, partners (separated by ';'), summary and body "
                + "(the Markdown text with its ## sections)."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("A .md file, a folder of them, or a .csv file.", valueName: "path"))
        var path: String

        @Option(help: "Output format: table or json.")
        var format: OutputFormat = .table

        func run() throws {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw InputError("cannot read \(path): no such file or folder")
            }
            let database = try database.open()
            let referential = try database.referential()
            var problems: [SourceProblem] = []
            var experiences: [Experience] = []
            if !isFolder.boolValue, path.lowercased().hasSuffix(".csv") {
                experiences = try ExperienceCSV.read(path, referential: referential)
            }
            let files =
                isFolder.boolValue
                ? try SeedFiles(seeds: "", surveys: "").files(in: path, ending: ".md") : (path.lowercased().hasSuffix(".csv") ? [] : [path])
            for file in files {
                do { experiences.append(try ExperienceParser.parse(try readText(file), file: file, referential: referential)) } catch let error
                    as SourceProblems
                {
                    problems += error.problems
                }
            }
            guard problems.isEmpty else { throw SourceProblems(problems) }
            let counts = try database.saveExperiences(experiences)
            if format == .json {
                let json = CountsJSON(read: experiences.count, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged)
                print(try JSONOutput.text(json))
            } else {
                print(
                    Console.table([
                        ["read", "inserted", "updated", "unchanged"],
                        [experiences.count, counts.inserted, counts.updated, counts.unchanged].map(String.init)
                    ]))
            }
        }

        /// The JSON of an import: what was read and what became of it.
        private struct CountsJSON: Encodable {
            let read, inserted, updated, unchanged: Int
        }
    }
}

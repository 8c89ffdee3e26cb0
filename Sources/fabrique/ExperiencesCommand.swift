import ArgumentParser
import FabriqueCore
import FabriqueCSV
import FabriqueStore
import Foundation

/// `fabrique experiences`: the base of capitalised experiences (Inspir'actions fiches).
struct ExperiencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiences",
        abstract: "Import and search the capitalised experiences (Inspir'actions fiches).",
        subcommands: [Import.self, Search.self]
    )

    /// `fabrique experiences import PATH`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import fiches: Markdown with YAML front matter (a file or a folder of .md files), or a CSV file.",
            discussion: "Fields are checked against the referential (region, département in its region, themes); every problem is reported with its file and line, and nothing is imported while one remains. Re-importing is idempotent, keyed on the slug (the file name). A CSV has the columns slug, title, year, region, departement, territory_type, approaches and themes (separated by ';' or spaces), lead_structure, partners (separated by ';'), summary and body (the Markdown text with its ## sections)."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("A .md file, a folder of them, or a .csv file.", valueName: "path"))
        var path: String

        @Option(help: "Output format: table or json.")
        var format: OutputFormat = .table

        func run() throws {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw InputError("cannot read \(path): no such file or folder") }
            let database = try database.open()
            let referential = try database.referential()
            var problems: [SourceProblem] = []
            var experiences: [Experience] = []
            if !isFolder.boolValue, path.lowercased().hasSuffix(".csv") {
                experiences = try ExperienceCSV.read(path, referential: referential)
            }
            let files = isFolder.boolValue ? try SeedFiles(seeds: "", surveys: "").files(in: path, ending: ".md") : (path.lowercased().hasSuffix(".csv") ? [] : [path])
            for file in files {
                do { experiences.append(try ExperienceParser.parse(try readText(file), file: file, referential: referential)) } catch let error as SourceProblems {
                    problems += error.problems
                }
            }
            guard problems.isEmpty else { throw SourceProblems(problems) }
            let counts = try database.saveExperiences(experiences)
            if format == .json {
                print(JSONText.object([("read", String(experiences.count)), ("inserted", String(counts.inserted)),
                                       ("updated", String(counts.updated)), ("unchanged", String(counts.unchanged))]))
            } else {
                print(Console.table([["read", "inserted", "updated", "unchanged"],
                                     [experiences.count, counts.inserted, counts.updated, counts.unchanged].map(String.init)]))
            }
        }
    }

    /// `fabrique experiences search QUERY`.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the fiches, ignoring accents and case ('sante mentale' finds 'santé mentale'); every word must appear.",
            discussion: "JSON: a list of {\"slug\", \"title\", \"year\", \"region\", \"themes\", \"approaches\", \"snippet\"}, best matches first."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("Words to find (empty: every fiche that passes the filters).", valueName: "query"))
        var query: String = ""

        @Option(help: ArgumentHelp("Only this region (INSEE code, such as 44).", valueName: "code"))
        var region: String?

        @Option(help: ArgumentHelp("Only this theme (slug, such as sante-mentale-isolement-social).", valueName: "slug"))
        var theme: String?

        @Option(help: ArgumentHelp("Only this approach: cls, clsm or asv.", valueName: "code"))
        var approach: String?

        @Option(help: ArgumentHelp("Only this year.", valueName: "year"))
        var year: Int?

        @Option(help: "Output format: table or json.")
        var format: OutputFormat = .table

        func run() throws {
            let hits = try database.open().searchExperiences(query, region: region, theme: theme, approach: approach, year: year)
            if format == .json {
                print("[" + hits.map { h in
                    JSONText.object([("slug", JSONText.string(h.slug)), ("title", JSONText.string(h.title)), ("year", String(h.year)),
                                     ("region", JSONText.string(h.region)), ("themes", JSONText.array(h.themes.map(JSONText.string))),
                                     ("approaches", JSONText.array(h.approaches.map(JSONText.string))), ("snippet", JSONText.string(h.snippet))])
                }.joined(separator: ",\n") + "]")
                return
            }
            if hits.isEmpty { print("No fiche found."); return }
            for hit in hits {
                print("\(hit.slug)  (\(hit.year), region \(hit.region), \(hit.approaches.joined(separator: "/")))")
                print("  \(hit.title)")
                print("  \(hit.snippet.replacingOccurrences(of: "\n", with: " "))")
            }
        }
    }
}

/// `fabrique codebook`: the coding frame.
struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Show and check the codebook (the criteria of a territorial health project).",
        subcommands: [Show.self, Validate.self]
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
            var lines = [format == .md ? "# \(codebook.title) (version \(codebook.version))" : "\(codebook.title) — \(codebook.id), version \(codebook.version)"]
            for criterion in codebook.criteria {
                lines += ["", format == .md ? "## \(criterion.label) (`\(criterion.code)`)" : "[\(criterion.code)] \(criterion.label)", "", criterion.definition, ""]
                for level in criterion.anchors.keys.sorted() {
                    lines.append(format == .md ? "- **\(level) \(levels[level] ?? "")** : \(criterion.anchors[level]!)" : "  \(level) \(levels[level] ?? ""): \(criterion.anchors[level]!)")
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
                print("\(file): valid — codebook '\(codebook.id)' version \(codebook.version), \(codebook.criteria.count) criteria, \(codebook.levels.count) levels")
            } catch let error as SourceProblems {
                for problem in error.problems { Console.error(problem.description) }
                throw ExitCode(1)
            }
        }
    }
}

/// Fiches from a CSV file, checked with the same rules as Markdown fiches.
enum ExperienceCSV {
    static let columns = ["slug", "title", "year", "region", "departement", "territory_type", "approaches", "themes",
                          "lead_structure", "partners", "summary", "body"]

    static func read(_ path: String, referential: Referential) throws -> [Experience] {
        var experiences: [Experience] = []
        var problems: [String] = []
        let required = columns.filter { !["partners", "summary", "lead_structure"].contains($0) }
        try CSVReader(path: path).forEachNamedRow(required: required) { row in
            func cell(_ name: String) -> String { row[name] }
            func list(_ name: String, separators: String) -> [String] { row.list(name, separators: separators) }
            let experience = Experience(
                slug: cell("slug"), title: cell("title"), year: Int(cell("year")) ?? 0, region: cell("region"), departement: cell("departement"),
                territoryType: cell("territory_type"), approaches: list("approaches", separators: "; "), themes: list("themes", separators: "; "),
                leadStructure: cell("lead_structure"), partners: list("partners", separators: ";"), summary: cell("summary"),
                body: cell("body").trimmingCharacters(in: .whitespacesAndNewlines) + "\n")
            var rowProblems = ExperienceParser.problems(of: experience, referential: referential)
            if experience.slug.isEmpty { rowProblems.append(("slug", "the slug is empty")) }
            if experience.sections.map(\.title) != Experience.sectionTitles {
                rowProblems.append(("body", "the body must have the sections \(Experience.sectionTitles.map { "## \($0)" }.joined(separator: ", ")) in that order"))
            }
            problems += rowProblems.map { "\(path) line \(row.line), column \"\($0.field)\": \($0.message)" }
            experiences.append(experience)
        }
        guard problems.isEmpty else { throw InputError(problems.joined(separator: "\n")) }
        return experiences
    }
}

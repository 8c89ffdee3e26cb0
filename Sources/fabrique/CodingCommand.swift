import ArgumentParser
import FabriqueCore
import FabriqueCSV
import FabriqueImport
import FabriqueReports
import FabriqueStats
import FabriqueStore
import Foundation

/// `fabrique coding`: codings of the fiches against the codebook, double coding and agreement.
struct CodingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coding",
        abstract: "Code fiches against the codebook: import and export codings, blind double coding, agreement, adjudication.",
        subcommands: [Import.self, Export.self, Assign.self, Agreement.self, Disagreements.self, Resolve.self, Profile.self, Query.self]
    )

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// The codebook, the fiches' texts and the blind rule, as the database holds them.
    struct Context {
        let database: AppDatabase
        let codebook: (id: String, version: Int, criteria: [String], levels: [Int])
        let bodies: [String: String]

        init(_ options: DatabaseOptions) throws {
            database = try options.open()
            guard let codebook = try database.currentCodebook() else { throw InputError("no codebook in the database: run 'fabrique init'") }
            self.codebook = codebook
            bodies = Dictionary(uniqueKeysWithValues: try database.experiences().map { ($0.slug, $0.body) })
        }

        var blind: BlindCoding { get throws { BlindCoding(criteria: codebook.criteria, assignments: try database.assignments()) } }
    }

    /// `fabrique coding import FILE.csv`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import codings made outside: columns experience, criterion, coder, level, and optionally memo, excerpts (quotes separated by ' || ') and consensus (1 for an adjudicated level).",
            discussion: "Each quote must appear word for word in the fiche; its character offsets are stored with it. Every problem is reported with its line and column, and nothing is imported while one remains. Every change goes to the audit log."
        )

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The codings (CSV).", valueName: "file")) var file: String
        @Option(help: ArgumentHelp("Who imports, for the audit log.", valueName: "name")) var actor = ProcessInfo.processInfo.environment["USER"] ?? "fabrique"
        @OptionGroup var input: CSVInputOptions

        func run() throws {
            let context = try Context(database)
            let codebook = context.codebook
            let codings = try CodingCSV(codebookId: codebook.id, codebookVersion: codebook.version, criteria: codebook.criteria, levels: codebook.levels,
                                        bodies: context.bodies, assignments: try context.database.assignments())
                .read(try input.reader(file), file: file)
            let counts = try context.database.saveCodings(codings, actor: actor, at: CodingCommand.now())
            print(Console.table([["read", "inserted", "updated", "unchanged"], [codings.count, counts.inserted, counts.updated, counts.unchanged].map(String.init)]))
        }
    }

    /// `fabrique coding export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export codings as CSV. Blind: a fiche assigned to several coders appears only once all of them have coded every criterion; with --coder, that coder's own codings appear too."
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The coder asking (sees their own codings of unfinished fiches).", valueName: "name")) var coder: String?
        @Option(help: ArgumentHelp("The output file (default: standard output).", valueName: "file")) var out: String?
        @OptionGroup var reader: AccountScopeOption

        func run() throws {
            let context = try Context(database)
            let scope = try reader.scope(context.database)
            let regions = Dictionary(uniqueKeysWithValues: try context.database.experiences().map { ($0.slug, $0.region) })
            let visible = try context.blind.visible(try context.database.codings(), to: coder).filter { scope?.allows(region: regions[$0.experience]) ?? true }
            let outdated = try context.database.codingsUnderChangedDefinitions()
            let writer = try out.map { try CSVWriter(path: $0) } ?? CSVWriter(standardOutputWith: .standard)
            try writer.write(["experience", "criterion", "coder", "consensus", "level", "memo", "excerpts", "codebook_version", "definition_changed"])
            for c in visible {
                let changed = outdated.contains("\(c.experience)|\(c.criterion)|\(c.coder)|\(c.consensus ? 1 : 0)")
                try writer.write([c.experience, c.criterion, c.coder, c.consensus ? "1" : "0", String(c.level), c.memo,
                                  c.excerpts.map(\.quote).joined(separator: " || "), String(c.codebookVersion), changed ? "1" : "0"])
            }
            if !outdated.isEmpty {
                Console.error("warning: \(outdated.count) coding(s) were made under an earlier definition of their criterion (column definition_changed); review them")
            }
            try writer.finish()
        }
    }

    /// `fabrique coding assign`.
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Draw a reproducible sample of fiches and assign each to every listed coder, for blind double coding.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("Coders, separated by commas (at least two).", valueName: "A,B[,C]")) var coders: String
        @Option(help: ArgumentHelp("The share of fiches to draw, such as 30%.", valueName: "percent")) var sample = "100%"
        @Option(help: ArgumentHelp("The random seed.", valueName: "s")) var seed: UInt64 = 1

        func validate() throws {
            guard coders.split(separator: ",").count >= 2 else { throw ValidationError("--coders needs at least two names, such as A,B") }
            guard let p = Double(sample.replacingOccurrences(of: "%", with: "")), p > 0, p <= 100 else { throw ValidationError("--sample must be a percentage such as 30%") }
        }

        func run() throws {
            let database = try database.open()
            let slugs = try database.experiences().map(\.slug)
            let share = Double(sample.replacingOccurrences(of: "%", with: ""))! / 100
            var random = SeededRandom(seed: seed)
            let drawn = Array(slugs.shuffled(using: &random).prefix(max(1, Int((Double(slugs.count) * share).rounded())))).sorted()
            let names = coders.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let added = try database.assign(drawn, to: names)
            print("Assigned \(drawn.count) of \(slugs.count) fiches to \(names.joined(separator: ", ")) (\(added) new assignments):")
            for slug in drawn { print("  \(slug)") }
        }
    }

    /// `fabrique coding agreement`.
    struct Agreement: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Agreement between coders per criterion and overall: Krippendorff's alpha (ordinal) with its 95% interval, percent agreement, kappa with two coders.",
            discussion: "Thresholds in use: alpha >= 0.800 reliable, >= 0.667 tentative. Only fiches every assigned coder has finished count (blind coding)."
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("Only this criterion.", valueName: "code")) var criterion: String?
        @Option(help: "Output format: table, md or json.") var format: OutputFormat = .table

        static func row(_ criterion: String, _ report: AgreementReport) -> [String] {
            func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "—" }
            let interval: String = report.alphaCI95.map { "[\(f($0.0)), \(f($0.1))]" } ?? "—"
            let agreement: String = report.percentAgreement.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
            var verdict = "undefined"
            if let alpha = report.alpha { verdict = alpha >= 0.8 ? "reliable" : alpha >= 0.667 ? "tentative" : "not reliable" }
            return [criterion, String(report.units), String(report.coders), f(report.alpha), interval, agreement,
                    report.coders == 2 ? f(report.kappa) : "—", verdict]
        }

        func run() throws {
            let context = try Context(database)
            let codings = try context.blind.visible(try context.database.codings(), to: nil)
            if let criterion, !context.codebook.criteria.contains(criterion) {
                throw InputError("'\(criterion)' is not a criterion of codebook '\(context.codebook.id)': \(context.codebook.criteria.joined(separator: ", "))")
            }
            let criteria = criterion.map { [$0] } ?? context.codebook.criteria
            let reports = CodingAgreement.reports(codings, criteria: criteria).filter { criterion == nil || $0.criterion == criterion }
            if format == .json {
                print("[" + reports.map { JSONText.object([("criterion", JSONText.string($0.criterion)), ("report", AgreementCommand.json($0.report))]) }.joined(separator: ",\n") + "]")
                return
            }
            let rows = reports.map { Self.row($0.criterion, $0.report) }
            let header = ["criterion", "units", "coders", "alpha", "95% interval", "agreement", "kappa", "verdict"]
            if format == .md {
                print(MarkdownTable(header: header, rows: rows).markdown())
            } else {
                print(Console.table([header] + rows))
            }
        }
    }

    /// `fabrique coding disagreements`.
    struct Disagreements: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List each fiche × criterion where finished coders disagree and no consensus is set, with each coder's level and excerpts.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let context = try Context(database)
            let list = CodingAgreement.disagreements(try context.blind.visible(try context.database.codings(), to: nil))
            if list.isEmpty { print("No disagreement to settle among the finished fiches (a fiche counts once every assigned coder has coded every criterion)."); return }
            for item in list {
                print("\(item.experience) — \(item.criterion)")
                for c in item.codings {
                    print("  \(c.coder): level \(c.level)" + (c.excerpts.isEmpty ? "" : " — « " + c.excerpts.map(\.quote).joined(separator: " » « ") + " »"))
                }
            }
        }
    }

    /// `fabrique coding resolve`.
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the consensus level of a fiche on a criterion, after adjudication; reports use it before single codings.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The fiche (slug).", valueName: "slug")) var experience: String
        @Option(help: ArgumentHelp("The criterion code.", valueName: "code")) var criterion: String
        @Option(help: ArgumentHelp("The agreed level.", valueName: "n")) var level: Int
        @Option(help: ArgumentHelp("Who adjudicates.", valueName: "name")) var adjudicator: String
        @Option(help: ArgumentHelp("Why, for the record.", valueName: "text")) var memo = ""
        @Option(help: ArgumentHelp("Quotes justifying the level, separated by ' || '.", valueName: "quotes")) var excerpts = ""

        func run() throws {
            let context = try Context(database)
            guard let body = context.bodies[experience] else { throw InputError("unknown fiche '\(experience)'") }
            guard context.codebook.criteria.contains(criterion) else { throw InputError("'\(criterion)' is not a criterion of codebook '\(context.codebook.id)'") }
            guard context.codebook.levels.contains(level) else { throw InputError("\(level) is not a level of the codebook") }
            var located: [Excerpt] = []
            for quote in excerpts.components(separatedBy: "||").map({ $0.trimmingCharacters(in: .whitespaces) }) where !quote.isEmpty {
                guard let excerpt = Excerpt.locate(quote, in: body) else { throw InputError("« \(quote) » does not appear in the fiche '\(experience)'") }
                located.append(excerpt)
            }
            _ = try context.database.saveCodings([Coding(experience: experience, criterion: criterion, coder: adjudicator, consensus: true,
                                                         codebookId: context.codebook.id, codebookVersion: context.codebook.version,
                                                         level: level, memo: memo, excerpts: located)], actor: adjudicator, at: CodingCommand.now())
            print("Consensus set: \(experience) — \(criterion) = \(level) (\(adjudicator))")
        }
    }

    /// `fabrique coding profile`.
    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print each fiche's criteria profile: the consensus level, else the agreed level, else a single coding (flagged), and the co-occurrence of criteria met at a minimum level."
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("Only this fiche.", valueName: "slug")) var experience: String?
        @Option(name: .customLong("min-level"), help: ArgumentHelp("The level a criterion must reach to count as met in the co-occurrence matrix.", valueName: "n")) var minimumLevel = 2

        func run() throws {
            let context = try Context(database)
            let views = CodingViews(codings: try context.blind.visible(try context.database.codings(), to: nil), criteria: context.codebook.criteria)
            let slugs = experience.map { [$0] } ?? context.bodies.keys.sorted()
            let marks: [ResolvedLevel.Source: String] = [.consensus: "", .agreed: "", .single: " (single coding)", .unresolved: "", .uncoded: ""]
            var rows = [["fiche"] + context.codebook.criteria]
            for slug in slugs {
                rows.append([slug] + views.profile(slug).map { item in item.level.level.map { "\($0)\(marks[item.level.source]!)" } ?? "—" })
            }
            print(Console.table(rows))
            let matrix = views.cooccurrence(slugs, minimum: minimumLevel)
            print("\nFiches meeting both criteria at level >= \(minimumLevel) (diagonal: each criterion alone):")
            print(Console.table([[""] + context.codebook.criteria.indices.map { "c\($0 + 1)" }]
                                + context.codebook.criteria.indices.map { i in ["c\(i + 1) \(context.codebook.criteria[i])"] + matrix[i].map(String.init) }))
        }
    }

    /// `fabrique coding query`.
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the fiches meeting a criterion at a minimum level, optionally in one region or theme.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The criterion code.", valueName: "code")) var criterion: String
        @Option(name: .customLong("min-level"), help: ArgumentHelp("The minimum level.", valueName: "n")) var minimumLevel = 2
        @Option(help: ArgumentHelp("Only this region (INSEE code).", valueName: "code")) var region: String?
        @Option(help: ArgumentHelp("Only this theme (slug).", valueName: "slug")) var theme: String?

        func run() throws {
            let context = try Context(database)
            guard context.codebook.criteria.contains(criterion) else { throw InputError("'\(criterion)' is not a criterion of codebook '\(context.codebook.id)'") }
            let views = CodingViews(codings: try context.blind.visible(try context.database.codings(), to: nil), criteria: context.codebook.criteria)
            let candidates = try context.database.searchExperiences("", region: region, theme: theme).map(\.slug)
            let found = views.meeting(criterion, minimum: minimumLevel, among: candidates)
            if found.isEmpty { print("No fiche meets \(criterion) at level >= \(minimumLevel).") }
            for slug in found {
                let level = views.level(slug, criterion)
                print("\(slug): \(level.level!) (\(level.source.rawValue))" + (level.excerpts.first.map { " — « \($0.quote) »" } ?? ""))
            }
        }
    }
}

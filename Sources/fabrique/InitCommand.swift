import ArgumentParser
import FabriqueCore
import FabriqueStore

/// `fabrique init`: create or migrate the database and load the seeds.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or migrate the database and load the referential, the codebook, the surveys and the sample experiences.",
        discussion: "Idempotent: a second run writes nothing and says so. A survey version that changed content is refused: give it a new version."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(
        help: ArgumentHelp(
            "The seeds folder (referential/, themes.yaml, codebook.yaml, experiences/); "
                + "a relative path missing from the current folder is looked up in $FABRIQUE_DATA, then in PREFIX/share/fabrique.",
            valueName: "dir"))
    var seeds = "seeds"

    @Option(help: ArgumentHelp("The folder of questionnaire files (*.yaml).", valueName: "dir"))
    var surveys = "surveys"

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard format == .table || format == .json else { throw ValidationError("init prints --format table or json") }
    }

    func run() throws {
        let bundle = try SeedFiles(seeds: DataFolder.resolve(seeds), surveys: DataFolder.resolve(surveys)).load()
        let database = try database.open()
        let report = try database.loadSeeds(bundle)
        if format == .json {
            print(try JSONOutput.text(report, style: .pretty))
            return
        }
        print("Database: \(self.database.displayName)")
        let rows = report.rows.map { [$0.kind, String($0.counts.inserted), String($0.counts.updated), String($0.counts.unchanged)] }
        print(Console.table([["loaded", "inserted", "updated", "unchanged"]] + rows))
        print(report.changed ? "Seeds loaded." : "Nothing changed: the database already holds these seeds.")
    }
}

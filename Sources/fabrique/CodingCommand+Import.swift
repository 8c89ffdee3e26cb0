import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueFormats
import FabriqueImport
import FabriqueReports
import FabriqueStats
import FabriqueStore
import Foundation

extension CodingCommand {
    /// `fabrique coding import FILE.csv`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Import codings made outside: columns experience, criterion, coder, level, and optionally memo, "
                + "excerpts (quotes separated by ' || ') and consensus (1 for an adjudicated level).",
            discussion:
                "Each quote must appear word for word in the fiche; its character offsets are stored with it. Every problem is reported "
                + "with its line and column, and nothing is imported while one remains. Every change goes to the audit log. "
                + "With --qdpx, the codings of a REFI-QDA project (from ATLAS.ti, NVivo, MAXQDA, QualCoder or 'coding export --qdpx') "
                + "are checked the same way, each problem named with its source, selection or coding and GUID."
        )

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The codings (CSV).", valueName: "file")) var file: String?
        @Option(help: ArgumentHelp("A REFI-QDA project to import instead of a CSV file.", valueName: "file.qdpx")) var qdpx: String?
        @Option(help: ArgumentHelp("Who imports, for the audit log.", valueName: "name")) var actor =
            ProcessInfo.processInfo.environment["USER"] ?? "fabrique"
        @OptionGroup var input: CSVInputOptions

        func run() throws {
            guard (file == nil) != (qdpx == nil) else { throw ValidationError("give either a CSV file or --qdpx FILE") }
            let context = try Context(database)
            let codebook = context.codebook
            let rules = CodingCSV(
                codebookId: codebook.id, codebookVersion: codebook.version, criteria: codebook.criteria, levels: codebook.levels,
                bodies: context.bodies, assignments: try context.database.assignments()
            )
            let codings =
                try qdpx.map { try rules.read(try QDAReader.project(try readData($0), file: $0), file: $0) }
                ?? (try rules.read(try input.reader(file!), file: file!))
            let counts = try context.database.saveCodings(codings, actor: actor, at: CodingCommand.now())
            print(
                Console.table([
                    ["read", "inserted", "updated", "unchanged"], [codings.count, counts.inserted, counts.updated, counts.unchanged].map(String.init)
                ]))
        }
    }
}

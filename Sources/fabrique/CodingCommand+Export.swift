import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStats
import FabriqueStore
import Foundation

extension CodingCommand {
    /// `fabrique coding export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Export codings as CSV, or with --qdpx as a REFI-QDA project for ATLAS.ti, NVivo, MAXQDA or QualCoder. "
                + "Blind: a fiche assigned to several coders appears only once all of them have coded every criterion; "
                + "with --coder, that coder's own codings appear too."
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The coder asking (sees their own codings of unfinished fiches).", valueName: "name")) var coder: String?
        @Option(help: ArgumentHelp("The output file (default: standard output).", valueName: "file")) var out: String?
        @Option(
            help: ArgumentHelp(
                "Write a REFI-QDA project instead of CSV: the fiches as text sources, the codings as coded selections.", valueName: "out.qdpx"))
        var qdpx: String?
        @OptionGroup var reader: AccountScopeOption

        func run() throws {
            if qdpx != nil && out != nil { throw ValidationError("give --out (CSV) or --qdpx (REFI-QDA), not both") }
            let context = try Context(database)
            let scope = try reader.scope(context.database)
            let regions = Dictionary(uniqueKeysWithValues: try context.database.experiences().map { ($0.slug, $0.region) })
            let visible = try context.blind.visible(try context.database.codings(), to: coder).filter {
                scope?.allows(region: regions[$0.experience]) ?? true
            }
            let outdated = try context.database.codingsUnderChangedDefinitions()
            if let qdpx {
                try Self.writeProject(context, codings: visible, scope: scope, to: qdpx)
                return
            }
            let writer = try out.map { try CSVWriter(path: $0) } ?? CSVWriter(standardOutputWith: .standard)
            try writer.write(["experience", "criterion", "coder", "consensus", "level", "memo", "excerpts", "codebook_version", "definition_changed"])
            for c in visible {
                let changed = outdated.contains("\(c.experience)|\(c.criterion)|\(c.coder)|\(c.consensus ? 1 : 0)")
                try writer.write([
                    c.experience, c.criterion, c.coder, c.consensus ? "1" : "0", String(c.level), c.memo,
                    c.excerpts.map(\.quote).joined(separator: " || "), String(c.codebookVersion), changed ? "1" : "0"
                ])
            }
            if !outdated.isEmpty {
                Console.error(
                    "warning: \(outdated.count) coding(s) were made under an earlier definition of their criterion (column definition_changed); "
                        + "review them"
                )
            }
            try writer.finish()
        }
    }
}

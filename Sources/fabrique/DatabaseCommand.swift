import ArgumentParser
import FabriqueStore
import Foundation

/// `fabrique db`: the database itself, whatever its engine.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Move a study between databases (SQLite files and PostgreSQL).", subcommands: [Copy.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a whole study into a new, empty database, from SQLite to PostgreSQL or back.",
            discussion: """
                Everything is copied: referential, surveys and their versions, codebook, experiences, codings and their audit, \
                contacts, invitations and drafts, accounts and sessions, the server's secret (links and receipts keep working), \
                responses, edits, the erasure log and closings. The destination must be empty (a new SQLite file, or a new \
                PostgreSQL database); it is written in one transaction, so that a failed copy leaves it empty.

                Addresses: a file path, or postgres://USER@HOST[:PORT]/DB (password in PGPASSWORD).
                """)

        @Option(help: ArgumentHelp("The database to copy.", valueName: "path|url")) var from: String
        @Option(help: ArgumentHelp("The new, empty database to copy into.", valueName: "path|url")) var to: String

        func validate() throws {
            guard from != to else { throw ValidationError("--from and --to name the same database") }
        }

        func run() throws {
            if !PostgresLocation.isURL(from) && !FileManager.default.fileExists(atPath: from) {
                throw InputError("no database at \(from): check the path")
            }
            let source = try DatabaseOptions.open(from)
            let destination = try DatabaseOptions.open(to)
            var counts: [String: Int] = [:]
            var order: [String] = []
            try destination.importStudy { write in
                try source.exportStudy { chunk in
                    if counts[chunk.table] == nil { order.append(chunk.table) }
                    counts[chunk.table, default: 0] += chunk.rows.count
                    try write(chunk)
                }
            }
            print(Console.table([["table", "rows"]] + order.map { [$0, String(counts[$0]!)] }))
            print("Copied \(DatabaseOptions.displayName(from)) into \(DatabaseOptions.displayName(to)).")
        }
    }
}

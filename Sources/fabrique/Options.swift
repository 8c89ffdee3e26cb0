import ArgumentParser
import FabriqueStore
import Foundation

/// The database option shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The SQLite database file, or a PostgreSQL database as postgres://USER@HOST[:PORT]/DB (default: $FABRIQUE_DB, "
                + "else fabrique.sqlite). The password comes from PGPASSWORD, TLS from ?sslmode= as with libpq.",
            valueName: "path|url"))
    var db: String?

    /// The database in force: the option, the environment, or the default.
    var path: String {
        db ?? ProcessInfo.processInfo.environment["FABRIQUE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "fabrique.sqlite"
    }

    /// The database for messages: the path, or the address without its password.
    var displayName: String { Self.displayName(path) }

    static func displayName(_ address: String) -> String { PostgresLocation.isURL(address) ? PostgresLocation.redacted(address) : address }

    /// Opens the database, creating (SQLite) and migrating it when needed. A server passes
    /// `backgroundCheckpoints` (SQLite's log copied by a connection of its own) and the number of
    /// connections it may hold (PostgreSQL).
    func open(backgroundCheckpoints: Bool = false, connections: Int = 16) throws -> any FabriqueStore {
        try Self.open(path, backgroundCheckpoints: backgroundCheckpoints, connections: connections)
    }

    /// Opens a database by its address: a `postgres://` URL, or the path of an SQLite file.
    static func open(_ address: String, backgroundCheckpoints: Bool = false, connections: Int = 16) throws -> any FabriqueStore {
        if PostgresLocation.isURL(address) {
            return try PostgresStore.open(try PostgresLocation(url: address), maximumConnections: connections)
        }
        return try AppDatabase.open(path: address, backgroundCheckpoints: backgroundCheckpoints)
    }
}

/// Output formats; each command accepts those that make sense for it.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, md
}

/// A bad input detected by the CLI itself, with a message that says what to do.
struct InputError: LocalizedError {
    var message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}

/// Reads a whole text file, or explains why it cannot.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError("cannot read \(path): check that the file exists and is readable")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw InputError("\(path) is not UTF-8 text: save it as UTF-8")
    }
    return text
}

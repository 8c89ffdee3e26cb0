import ArgumentParser
import FabriqueStore
import Foundation

/// The database option shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file (default: $FABRIQUE_DB, else fabrique.sqlite).", valueName: "path"))
    var db: String?

    /// The path in force: the option, the environment, or the default.
    var path: String {
        db ?? ProcessInfo.processInfo.environment["FABRIQUE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "fabrique.sqlite"
    }

    /// Opens the database, creating and migrating it when needed.
    func open(backgroundCheckpoints: Bool = false) throws -> AppDatabase {
        try AppDatabase.open(path: path, backgroundCheckpoints: backgroundCheckpoints)
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

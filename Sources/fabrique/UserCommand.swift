import ArgumentParser
import FabriqueCore
import FabriqueStore
import Foundation
import FabriqueWeb

/// `fabrique user`: staff accounts for the web app.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the staff accounts of the web app.",
        subcommands: [Add.self, Password.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is read from standard input (first line), or generated.",
            discussion: "Passwords are stored as bcrypt hashes (cost 12) and must have at least \(PasswordPolicy.minimumLength) characters."
        )
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The login name.") var name: String
        @Option(help: "admin (everything), staff (dashboard and responses) or researcher (experiences and coding).") var role: UserRole
        @Flag(help: "Generate a random password and print it once, instead of reading one.") var generatePassword = false
        @Flag(help: "If the account exists, set its password and role instead of failing (its sessions end).") var reset = false

        func run() throws {
            let db = try database.open()
            let password = try PasswordPolicy.obtain(generate: generatePassword)
            let hash = PasswordHasher.hash(password)
            let replaced = try reset && db.setPassword(name: name, passwordHash: hash, role: role)
            if !replaced { try db.addUser(name: name, role: role, passwordHash: hash, at: ISO8601DateFormatter().string(from: Date())) }
            if generatePassword { print("Password for \(name): \(password)") } else { print("Account \(name) (\(role.rawValue)) ready.") }
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Set an account's password (read from standard input, or generated).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The login name.") var name: String
        @Flag(help: "Generate a random password and print it once.") var generatePassword = false

        func run() throws {
            let password = try PasswordPolicy.obtain(generate: generatePassword)
            guard try database.open().setPassword(name: name, passwordHash: PasswordHasher.hash(password)) else {
                throw InputError("no account named '\(name)'; see 'fabrique user list'")
            }
            print(generatePassword ? "Password for \(name): \(password)" : "Password of \(name) changed; its sessions were closed.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            print(Console.table([["name", "role"]] + (try database.open().users()).map { [$0.name, $0.role.rawValue] }))
        }
    }
}

extension UserRole: ExpressibleByArgument {}

/// Where passwords come from, and how long they must be.
enum PasswordPolicy {
    static let minimumLength = 10

    static func obtain(generate: Bool) throws -> String {
        if generate { return SecretToken.generate(bytes: 12) }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw InputError("no password on standard input: pipe one (echo '…' | fabrique user add …) or pass --generate-password")
        }
        guard line.count >= minimumLength else { throw InputError("the password has \(line.count) characters; use at least \(minimumLength)") }
        return line
    }
}

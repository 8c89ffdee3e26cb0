import ArgumentParser
import FabriqueCore
import FabriqueStore
import FabriqueWeb
import Foundation

/// `fabrique user`: staff accounts for the web app.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the staff accounts of the web app.",
        discussion: "Names are compared trimmed and lower-cased: \(UserName.rule).",
        subcommands: [Add.self, Password.self, List.self, Role.self, Disable.self, Enable.self, Delete.self, Scope.self]
    )

    /// The login name, checked and normalised the way the login page reads it.
    struct NameArgument: ParsableArguments {
        @Argument(help: "The login name.") var name: String

        var normalised: String {
            get throws {
                guard let name = UserName.normalised(name) else { throw InputError("'\(name)' is not a valid account name: \(UserName.rule)") }
                return name
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is read from standard input (first line), or generated.",
            discussion: "Passwords are stored as bcrypt hashes (cost 12) and must have \(PasswordHasher.minimumLength) characters to "
                + "\(PasswordHasher.maximumBytes) bytes (bcrypt reads no further)."
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var account: NameArgument
        @Option(help: "admin (everything), staff (dashboard and responses) or researcher (experiences and coding).") var role: UserRole
        @Flag(help: "Generate a random password and print it once, instead of reading one.") var generatePassword = false
        @Flag(help: "If the account exists, set its password and role instead of failing (its sessions end).") var reset = false

        func run() throws {
            let name = try account.normalised
            let db = try database.open()
            let password = try PasswordPolicy.obtain(generate: generatePassword)
            let hash = PasswordHasher.hash(password)
            let replaced = try reset && db.setPassword(name: name, passwordHash: hash, role: role)
            if !replaced { try db.addUser(name: name, role: role, passwordHash: hash, at: ISO8601DateFormatter().string(from: Date())) }
            if generatePassword { print("Password for \(name): \(password)") } else { print("Account \(name) (\(role.rawValue)) ready.") }
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd", abstract: "Set an account's password (read from standard input, or generated).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var account: NameArgument
        @Flag(help: "Generate a random password and print it once.") var generatePassword = false

        func run() throws {
            let name = try account.normalised
            let password = try PasswordPolicy.obtain(generate: generatePassword)
            guard try database.open().setPassword(name: name, passwordHash: PasswordHasher.hash(password), role: nil) else {
                throw UserCommand.unknown(name)
            }
            print(generatePassword ? "Password for \(name): \(password)" : "Password of \(name) changed; its sessions were closed.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts, with their state and scope.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let rows = try database.open().users().map { user in
                [
                    user.name, user.role.rawValue, user.disabled ? "disabled" : "active",
                    user.scope.regions.isEmpty ? "all" : user.scope.regions.joined(separator: " "),
                    user.scope.surveys.isEmpty ? "all" : user.scope.surveys.joined(separator: " ")
                ]
            }
            print(Console.table([["name", "role", "state", "regions", "surveys"]] + rows))
        }
    }

    /// The error for a name that matches no account.
    static func unknown(_ name: String) -> InputError {
        InputError("no account named '\(name)'; see 'fabrique user list'")
    }
}

extension UserRole: ExpressibleByArgument {}

/// Where passwords come from, and what they must be.
enum PasswordPolicy {
    static func obtain(generate: Bool) throws -> String {
        if generate { return SecretToken.generate(bytes: 12) }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw InputError("no password on standard input: pipe one (echo '…' | fabrique user add …) or pass --generate-password")
        }
        if let problem = PasswordHasher.problem(with: line) { throw InputError(problem) }
        return line
    }
}

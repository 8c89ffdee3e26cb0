import ArgumentParser
import FabriqueCore
import FabriqueStore
import Foundation

/// `fabrique user role|disable|enable|delete`: an account's role and life, without touching its password.
extension UserCommand {
    struct Role: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an account's role (its open sessions take it at their next request).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var account: NameArgument
        @Argument(help: "admin, staff or researcher.") var role: UserRole

        func run() throws {
            let name = try account.normalised
            guard try database.open().setRole(name: name, role: role) else { throw UserCommand.unknown(name) }
            print("Account \(name) is now \(role.rawValue).")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: its sessions end and it can no longer log in.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var account: NameArgument

        func run() throws {
            let name = try account.normalised
            guard try database.open().setDisabled(name: name, at: ISO8601DateFormatter().string(from: Date())) else {
                throw UserCommand.unknown(name)
            }
            print("Account \(name) disabled; its sessions were closed.")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var account: NameArgument

        func run() throws {
            let name = try account.normalised
            guard try database.open().setDisabled(name: name, at: nil) else { throw UserCommand.unknown(name) }
            print("Account \(name) enabled.")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete an account and its sessions.",
            discussion: "Codings keep their coder's name. To keep the account for the record, prefer 'user disable'.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var account: NameArgument

        func run() throws {
            let name = try account.normalised
            guard try database.open().deleteUser(name: name) else { throw UserCommand.unknown(name) }
            print("Account \(name) deleted.")
        }
    }
}

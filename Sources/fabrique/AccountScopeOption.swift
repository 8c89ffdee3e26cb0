import ArgumentParser
import FabriqueCore
import FabriqueStore

/// `--as NAME` on the commands that read responses, contacts, reports and codings: the command
/// reads only what that account's scope (`user scope`) lets it see on the web. An administrator
/// prepares a regional partner's extract with it, and a partner's scripted runs stay in scope.
/// (Whoever holds the database file can read everything: the scope is no protection against the
/// holder of the file, it is the same view as the web's.)
struct AccountScopeOption: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "Read as this account: only the regions and surveys of its scope (see 'user scope').",
            valueName: "account"))
    var account: String?

    /// The account's scope, or nil without --as.
    func scope(_ database: any FabriqueStore) throws -> AccountScope? {
        guard let account else { return nil }
        guard let name = UserName.normalised(account), let found = try database.user(named: name) else {
            throw InputError("no account named '\(account)'; see 'fabrique user list'")
        }
        guard !found.user.disabled else { throw InputError("account '\(name)' is disabled; see 'fabrique user enable'") }
        return found.user.scope
    }
}

extension AccountScope {
    /// Refuses a survey outside the scope.
    func require(survey: String) throws {
        guard allows(survey: survey) else {
            throw InputError("this account may not read survey '\(survey)'; its surveys: \(surveys.joined(separator: ", "))")
        }
    }

    /// Refuses a region outside the scope.
    func require(region: String) throws {
        guard allows(region: region) else {
            throw InputError("this account may not read region '\(region)'; its regions: \(regions.joined(separator: ", "))")
        }
    }

    /// The one region a command limited to a region works on: the one asked, if the scope allows
    /// it, or the scope's only region; several regions need --region.
    func region(_ asked: String?) throws -> String? {
        if let asked {
            try require(region: asked)
            return asked
        }
        guard !regions.isEmpty else { return nil }
        guard regions.count == 1 else { throw InputError("this account sees several regions (\(regions.joined(separator: ", "))): give --region") }
        return regions[0]
    }

    /// An expression that keeps the responses of the scope's regions, or nil for every region.
    var regionFilter: String? {
        regions.isEmpty ? nil : "(" + regions.map { "${region} = '\($0)'" }.joined(separator: " or ") + ")"
    }
}

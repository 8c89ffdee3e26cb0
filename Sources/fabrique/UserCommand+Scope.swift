import ArgumentParser
import FabriqueCore
import FabriqueStore

extension UserCommand {
    /// `fabrique user scope`: what a regional partner's or a study's account may see.
    struct Scope: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Limit an account to regions and surveys (or lift the limits with --clear).",
            discussion: """
                A scoped account sees only the responses, contacts, invitations, reports and codings of its regions and \
                surveys, on every page, download and command that reads them; national figures only as published. \
                Each call replaces the account's scope. Example: fabrique user scope ireps-ge --region 44 --survey coordination
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var account: NameArgument
        @Option(name: .customLong("region"), help: ArgumentHelp("An INSEE region code the account may see (repeatable).", valueName: "code"))
        var regions: [String] = []
        @Option(name: .customLong("survey"), help: ArgumentHelp("A survey the account may see (repeatable).", valueName: "id"))
        var surveys: [String] = []
        @Flag(help: "Remove every limit: the account sees the whole base.") var clear = false

        func validate() throws {
            if clear && !(regions.isEmpty && surveys.isEmpty) { throw ValidationError("--clear takes no --region or --survey") }
            if !clear && regions.isEmpty && surveys.isEmpty { throw ValidationError("give --region, --survey, or --clear") }
        }

        func run() throws {
            let name = try account.normalised
            let db = try database.open()
            let knownRegions = Set(try db.regions().map(\.code))
            let knownSurveys = Set(try db.surveyIds())
            if let unknown = regions.first(where: { !knownRegions.contains($0) }) {
                throw InputError(
                    "no region with code '\(unknown)'; the codes are INSEE's (e.g. 44 for Grand Est): see 'fabrique table --survey ID --rows region'")
            }
            if let unknown = surveys.first(where: { !knownSurveys.contains($0) }) {
                throw InputError("no survey '\(unknown)' in the database; loaded: \(knownSurveys.sorted().joined(separator: ", "))")
            }
            let scope = AccountScope(regions: Array(Set(regions)), surveys: Array(Set(surveys)))
            guard try db.setScope(name: name, scope) else { throw UserCommand.unknown(name) }
            print(
                scope.isUnlimited
                    ? "Account \(name) sees the whole base."
                    : "Account \(name) limited to regions: \(scope.regions.isEmpty ? "all" : scope.regions.joined(separator: " ")); "
                        + "surveys: \(scope.surveys.isEmpty ? "all" : scope.surveys.joined(separator: " ")).")
        }
    }
}

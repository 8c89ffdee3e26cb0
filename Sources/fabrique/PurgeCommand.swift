import ArgumentParser
import FabriqueCore
import FabriqueStore
import Foundation

/// `fabrique purge`: applies the retention periods the survey files set (`retention:`).
struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Delete the personal data kept longer than the surveys' retention periods (drafts, invitations, contacts, edit details).",
        discussion: """
            Each survey's current version sets its periods in its 'retention:' block. Expired drafts and unused invitations are deleted, \
            the before/after values of old edit-log entries are replaced by a tombstone, and contacts whose surveys have all been \
            inactive for longer than their 'contacts' period, with no live invitation, are removed (their invitations stay, unlinked, \
            so response rates by region still add up). One transaction, secure_delete on, then VACUUM; recorded in the erasure log.
            """
    )
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Count what would be purged, per survey and kind, and change nothing.") var dryRun = false
    @Option(
        help: ArgumentHelp(
            "Purge as of this date or time (ISO 8601: 2027-06-30 or 2027-06-30T12:00:00Z; default: now).",
            valueName: "iso-date"))
    var now: String?
    @Option(help: ArgumentHelp("Who purges, for the erasure log (default: $USER).", valueName: "name")) var actor: String?
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func validate() throws {
        guard format == .table || format == .json else { throw ValidationError("purge prints --format table or json") }
        if let now, Self.date(now) == nil {
            throw ValidationError("--now '\(now)' is not an ISO 8601 date such as 2027-06-30 or 2027-06-30T12:00:00Z")
        }
    }

    /// A date (midnight UTC) or a date and time.
    static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text + "T00:00:00Z", strategy: .iso8601)
    }

    func run() throws {
        let db = try database.open()
        var policies: [String: RetentionPolicy] = [:]
        for id in try db.surveyIds() {
            if let policy = try db.currentSurvey(id: id).retention { policies[id] = policy }
        }
        let date = now.flatMap(Self.date) ?? Date()
        let who = actor ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "cli"
        let counts = try db.purge(policies: policies, now: date, actor: who, dryRun: dryRun)
        if format == .json { return print(try JSONOutput.text(counts, style: .pretty)) }
        guard !policies.isEmpty else { return print("No survey sets a retention period ('retention:' in its file): nothing to purge.") }
        print(dryRun ? "Dry run as of \(date.formatted(.iso8601)), nothing was changed. Due for purge:" : "Purged as of \(date.formatted(.iso8601)):")
        print(Console.table([["survey", "kind", "count"]] + counts.map { [$0.surveyId, $0.kind.rawValue, String($0.count)] }))
    }
}

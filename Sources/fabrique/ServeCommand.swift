import ArgumentParser
import FabriqueReports
import FabriqueStore
import FabriqueWeb
import Foundation
import Hummingbird

/// `fabrique serve`: the web app (respondent forms, open links, staff dashboard).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web app: respondent forms, open links and the staff dashboard.",
        discussion:
            "Stop it with Ctrl-C (SIGINT) or SIGTERM; requests in flight finish first. Every acknowledged submission is already committed to disk."
    )
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(help: ArgumentHelp("The public address of the app; https:// turns on Secure cookies (default: http://HOST:PORT).", valueName: "url"))
    var baseURL: String?
    @Option(help: ArgumentHelp("The reports folder the dashboard lists and regenerates (dossiers ressources in its dossiers/).", valueName: "dir"))
    var reports = "reports"
    @Option(help: ArgumentHelp("The analysis spec the dashboard regenerates reports from.", valueName: "spec.yaml"))
    var analysis = "analyses/coordination.yaml"

    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            "The address of a reverse proxy in front of the app, whose X-Forwarded-For header then names "
                + "the client the rate limits count (repeat for several).", valueName: "ip"))
    var trustedProxies: [String] = []

    func run() async throws {
        let db = try database.open(backgroundCheckpoints: true)
        guard !(try db.surveyIds()).isEmpty else { throw InputError("no survey in \(database.displayName); run 'fabrique init' first") }
        let configuration = WebConfiguration(
            host: host, port: port, baseURL: baseURL,
            reports: ReportSettings(
                directory: reports, analysis: DataFolder.resolve(analysis),
                templates: DataFolder.resolve("analyses/templates"),
                bibliography: DataFolder.resolve("seeds/bibliography")),
            trustedProxies: Set(trustedProxies))
        let app = try await buildApplication(database: db, configuration: configuration)
        Console.error("fabrique: serving \(database.displayName) on \(configuration.baseURL) (staff login: \(configuration.baseURL)/connexion)")
        try await app.runService()
    }
}

import FabriqueCore
import FabriqueReports
import FabriqueStore
import Foundation
import Hummingbird
import Logging

/// How `fabrique serve` runs the app.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The public address of the app (`https://…` turns on `Secure` cookies).
    public var baseURL: String
    /// New respondents one address may start from an open link per 10 minutes.
    public var openStartsPerWindow: Int
    /// Failed logins one client may make on one account per 10 minutes (`LoginThrottle` derives
    /// its per-account and per-client limits from it).
    public var loginsPerWindow: Int
    /// Where the synthesis reports are kept and how the dashboard regenerates them.
    public var reports: ReportSettings
    /// Addresses of reverse proxies in front of the app, whose `X-Forwarded-For` header names
    /// the client that the rate limits count (otherwise every client counts as the proxy).
    public var trustedProxies: Set<String>
    /// Seconds a survey's current version is trusted before the server reads it again: a new
    /// version loaded with `fabrique init` is served after at most this delay.
    public var surveyCheckInterval: Double

    /// A configuration; the base URL defaults to `http://host:port`.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, baseURL: String? = nil, openStartsPerWindow: Int = 30, loginsPerWindow: Int = 20,
        reports: ReportSettings = ReportSettings(), trustedProxies: Set<String> = [], surveyCheckInterval: Double = 1
    ) {
        self.host = host
        self.port = port
        self.baseURL = baseURL ?? "http://\(host):\(port)"
        self.openStartsPerWindow = openStartsPerWindow
        self.loginsPerWindow = loginsPerWindow
        self.reports = reports
        self.trustedProxies = trustedProxies
        self.surveyCheckInterval = surveyCheckInterval
    }
}

/// Assembles the router: security headers and error pages around everything, the session on
/// every request, then the respondent, open-link, login, dashboard and response routes.
public func buildRouter(database: any FabriqueStore, configuration: WebConfiguration) async throws -> Router<WebContext> {
    let renderer = try await PageRenderer.load()
    let catalog = SurveyCatalog(database: database, checkInterval: configuration.surveyCheckInterval)
    let assets = try StaticAssets.load()
    // HEAD answers every GET route with its headers and no body, as HTTP requires.
    let router = Router(context: WebContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: SecurityHeaders())
    router.add(middleware: ErrorPages(renderer: renderer))
    router.add(middleware: SurveyClosedPages(renderer: renderer))
    router.add(middleware: SessionMiddleware(database: database))
    router.get("/") { _, context in
        try renderer.page(HomeView(layout: LayoutView(pageTitle: "fabrique", nav: context.session.map(StaffAccess.nav))), template: "accueil")
    }
    router.get("/static/:file") { _, context in
        guard let name = context.parameters.get("file"), let asset = assets.files[name] else { throw WebError.notFound }
        return asset.response()
    }
    router.get("/regles/:survey/:script") { _, context in
        guard let script = context.parameters.get("script"), script.hasSuffix(".js") else { throw WebError.notFound }
        let entry = try catalog.served(context.parameters.get("survey"), version: String(script.dropLast(3)))
        return StaticAssets.File(body: entry.script, contentType: "text/javascript; charset=utf-8").response()
    }
    RespondentController(database: database, catalog: catalog, renderer: renderer, batcher: SubmissionBatcher(database: database)).addRoutes(
        to: router)
    let proxies = configuration.trustedProxies
    let signer = SignedToken(secret: try database.secret(named: "form-tokens"))
    let origin = OriginCheck(baseURL: configuration.baseURL)
    let secureCookies = configuration.baseURL.lowercased().hasPrefix("https:")
    OpenLinkController(
        database: database, catalog: catalog, renderer: renderer,
        limiter: RateLimiter(limit: configuration.openStartsPerWindow, window: 600, trustedProxies: proxies),
        signer: signer, origin: origin
    ).addRoutes(to: router)
    AuthController(
        database: database, renderer: renderer, throttle: LoginThrottle(limit: configuration.loginsPerWindow, trustedProxies: proxies),
        signer: signer, origin: origin, secureCookies: secureCookies
    ).addRoutes(to: router)
    SessionsController(database: database, renderer: renderer).addRoutes(to: router)
    DashboardController(database: database, catalog: catalog, renderer: renderer).addRoutes(to: router)
    ResponseFilesController(database: database, catalog: catalog).addRoutes(to: router)
    ResponsesController(database: database, catalog: catalog, renderer: renderer).addRoutes(to: router)
    ErasureController(database: database, catalog: catalog, renderer: renderer).addRoutes(to: router)
    ResearchController(database: database, renderer: renderer).addRoutes(to: router)
    ReportsController(database: database, renderer: renderer, settings: configuration.reports).addRoutes(to: router)
    return router
}

/// The application `fabrique serve` runs.
public func buildApplication(database: any FabriqueStore, configuration: WebConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "fabrique")
    logger.logLevel = .info
    return Application(
        router: try await buildRouter(database: database, configuration: configuration),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "fabrique"),
        logger: logger)
}

/// The home page's view.
struct HomeView {
    var layout: LayoutView
}

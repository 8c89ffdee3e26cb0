import FabriqueReports
import FabriqueStore
import Foundation
import Hummingbird

/// The generated reports on the staff dashboard: the list, each report as Markdown or HTML (and
/// its charts), all of them as a zip, and regeneration from the current data.
struct ReportsController {
    let database: any FabriqueStore
    let renderer: PageRenderer
    let settings: ReportSettings
    let job = ReportJob()

    var library: ReportLibrary { ReportLibrary(directory: settings.directory) }

    func addRoutes(to router: Router<WebContext>) {
        router.get("/gestion/rapports", use: list)
        router.post("/gestion/rapports/regenerer", use: regenerate)
        router.get("/gestion/rapports/rapports.zip", use: archive)
        router.get("/gestion/rapports/fichiers/**", use: file)
    }

    @Sendable func list(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(StaffAccess.staffRoles, request, context)
        let written = request.uri.queryParameters["regeneres"].flatMap { Int($0) }
        // Only fixed messages are shown: the query names one, it never carries text to display.
        let failed: String? =
            switch request.uri.queryParameters["erreur"] {
            case "en-cours": "Une régénération est déjà en cours ; rechargez la page dans un instant."
            case "secret":
                "Les rapports n'ont pas été réécrits : l'audit du secret statistique a trouvé des cases masquées qu'un lecteur "
                    + "de tous les rapports pourrait recalculer. « fabrique report audit » les liste ; "
                    + "relevez le seuil ou publiez moins de tableaux."
            case "echec":
                "La régénération a échoué ; "
                    + "le journal du serveur en donne la raison. Les rapports précédents sont inchangés ou en partie réécrits."
            default: nil
            }
        let readable = try readablePaths(session)
        func rows(_ entries: [ReportLibrary.Entry]) -> [ReportRowView] {
            entries.filter { readable($0.name) }.map {
                ReportRowView(
                    title: $0.title, markdownURL: "/gestion/rapports/fichiers/\($0.name).md", htmlURL: "/gestion/rapports/fichiers/\($0.name).html")
            }
        }
        let reports = rows(library.entries(dossiers: false))
        let dossiers = rows(library.entries(dossiers: true))
        let view = ReportsView(
            layout: LayoutView(pageTitle: "Rapports de synthèse", nav: StaffAccess.nav(session)), csrf: session.csrfToken,
            reports: reports, hasReports: !reports.isEmpty, dossiers: dossiers, hasDossiers: !dossiers.isEmpty,
            notice: written.map { "Rapports régénérés à partir des données actuelles : \($0) fichiers écrits." } ?? "",
            hasNotice: written != nil, error: failed ?? "", hasError: failed != nil, canRegenerate: session.user.scope.isUnlimited)
        return try renderer.page(view, template: "rapports")
    }

    /// Regenerates every report from the current data, one run at a time.
    @Sendable func regenerate(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(StaffAccess.staffRoles, request, context)
        try StaffAccess.checkCSRF(try await FormBody.read(request, context: context), session)
        // A run writes every region's report from every response: not for a scoped account.
        guard session.user.scope.isUnlimited else { throw WebError.forbidden }
        guard await job.start() else { return .redirect(to: "/gestion/rapports?erreur=en-cours") }
        let settings = settings
        let database = database
        let today = WebClock.today()
        // The run blocks on SQLite and uses every core: it goes to a dispatch queue, not to the
        // few threads that serve requests.
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Int, Error>, Never>) in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: Result { try settings.generateAll(database: database, today: today) })
            }
        }
        await job.finish()
        switch result {
        case .success(let count):
            return .redirect(to: "/gestion/rapports?regeneres=\(count)")
        case .failure(let error):
            context.logger.error("report regeneration failed: \(error)")
            if case ReportError.unsafe = error { return .redirect(to: "/gestion/rapports?erreur=secret") }
            return .redirect(to: "/gestion/rapports?erreur=echec")
        }
    }

    @Sendable func archive(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(StaffAccess.staffRoles, request, context)
        let bytes = try library.archive(including: try readablePaths(session))
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.contentDisposition] = "attachment; filename=\"rapports.zip\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// One report file: Markdown as a download, HTML as a standalone page, a chart as SVG.
    @Sendable func file(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(StaffAccess.staffRoles, request, context)
        let relative = context.parameters.getCatchAll().joined(separator: "/")
        guard try readablePaths(session)(relative) else { throw WebError.forbidden }
        let stylesheet = { try ReportTemplates(directory: settings.templates).stylesheet }
        guard let bytes = try library.file(relative, stylesheet: stylesheet) else { throw WebError.notFound }
        var headers = HTTPFields()
        let name = relative.replacingOccurrences(of: "/", with: "-")
        switch relative.split(separator: ".").last {
        case "md":
            headers[.contentType] = "text/markdown; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        case "html":
            headers[.contentType] = "text/html; charset=utf-8"
            // The standalone page carries its stylesheet inline; it has no script at all.
            headers[.contentSecurityPolicy] =
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        default:
            headers[.contentType] = "image/svg+xml"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension ReportsController {
    /// Which report paths (`grand-est`, `grand-est/…svg`, `dossiers/alimentation.html`) a session
    /// may read. An account limited to regions reads its regions' reports and what is published
    /// for everyone: the index, France's report and the dossiers ressources.
    func readablePaths(_ session: WebSession) throws -> @Sendable (String) -> Bool {
        guard let regions = StaffAccess.regions(session) else { return { _ in true } }
        let slugs = Set(try database.regions().filter { regions.contains($0.code) }.map(\.slug))
            .union(["index", "france", ReportLibrary.dossiersFolder])
        return { path in
            let first = path.split(separator: "/", maxSplits: 1).first.map(String.init) ?? path
            return slugs.contains(first.split(separator: ".").first.map(String.init) ?? first)
        }
    }
}

/// At most one regeneration at a time.
actor ReportJob {
    private var running = false

    func start() -> Bool {
        guard !running else { return false }
        running = true
        return true
    }

    func finish() { running = false }
}

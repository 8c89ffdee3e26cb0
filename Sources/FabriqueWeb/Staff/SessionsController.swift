import FabriqueCore
import FabriqueStore
import Hummingbird

/// Each account's own sessions: where and when they were opened, and a button to end any of
/// them, or all but the current one (after a lost phone, a shared computer…).
struct SessionsController {
    let database: any FabriqueStore
    let renderer: PageRenderer
    /// Every logged-in role manages its own sessions.
    static let roles: Set<UserRole> = Set(UserRole.allCases)

    func addRoutes(to router: Router<WebContext>) {
        router.get("/gestion/sessions", use: list)
        router.post("/gestion/sessions/autres/terminer", use: endOthers)
        router.post("/gestion/sessions/:id/terminer", use: end)
    }

    @Sendable func list(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(Self.roles, request, context)
        let records = try database.sessions(userId: session.user.id, now: WebClock.now(), current: try currentHash(request))
        let notice: String? =
            switch request.uri.queryParameters["terminees"].flatMap({ Int($0) }) {
            case nil: nil
            case 0: "Aucune autre session n'était ouverte."
            case 1: "Une session a été terminée."
            case let count?: "\(count) sessions ont été terminées."
            }
        let view = SessionsView(
            layout: LayoutView(pageTitle: "Mes sessions", nav: StaffAccess.nav(session)), csrf: session.csrfToken, notice: notice,
            sessions: records.map { record in
                SessionRowView(
                    createdAt: record.createdAt.isEmpty ? "inconnue" : WebClock.french(record.createdAt), client: record.client,
                    userAgent: String(record.userAgent.prefix(120)), expiresAt: WebClock.french(record.expiresAt),
                    isCurrent: record.isCurrent, endURL: "/gestion/sessions/\(record.id)/terminer")
            },
            hasOthers: records.contains { !$0.isCurrent })
        return try renderer.page(view, template: "sessions")
    }

    @Sendable func end(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(Self.roles, request, context)
        try StaffAccess.checkCSRF(try await FormBody.read(request, context: context), session)
        guard let id = context.parameters.get("id", as: Int64.self), try database.deleteSession(id: id, userId: session.user.id) else {
            throw WebError.notFound
        }
        return .redirect(to: "/gestion/sessions?terminees=1")
    }

    @Sendable func endOthers(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(Self.roles, request, context)
        try StaffAccess.checkCSRF(try await FormBody.read(request, context: context), session)
        let ended = try database.deleteOtherSessions(userId: session.user.id, keeping: try currentHash(request))
        return .redirect(to: "/gestion/sessions?terminees=\(ended)")
    }

    private func currentHash(_ request: Request) throws -> String {
        guard let token = request.cookies[SessionMiddleware.cookieName]?.value else { throw WebError.notFound }
        return SecretToken.hash(token)
    }
}

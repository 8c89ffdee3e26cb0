import FabriqueCore
import FabriqueStore
import Hummingbird

/// Reads the session cookie and puts the live session, if any, in the context.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext
    static let cookieName = "fabrique_session"
    let database: any FabriqueStore

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.cookieName]?.value, SecretToken.isWellFormed(token) {
            context.session = try database.session(tokenSHA256: SecretToken.hash(token), now: WebClock.now())
        }
        return try await next(request, context)
    }
}

/// Role and CSRF checks shared by the staff controllers.
enum StaffAccess {
    /// The session, if its role is one of `roles`; otherwise the login (no session) or 403.
    static func require(_ roles: Set<UserRole>, _ request: Request, _ context: WebContext) throws -> WebSession {
        guard let session = context.session else {
            let path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            throw WebError.loginRequired(next: request.method == .get ? path : "/gestion")
        }
        guard roles.contains(session.user.role) else { throw WebError.forbidden }
        return session
    }

    /// Refuses a POST whose `csrf` field is not the session's token.
    static func checkCSRF(_ form: FormBody, _ session: WebSession) throws {
        guard let sent = form["csrf"], SecretToken.equal(sent, session.csrfToken) else { throw WebError.csrf }
    }

    /// The navigation bar of a session.
    static func nav(_ session: WebSession) -> NavView {
        NavView(
            userName: session.user.name, roleLabel: roleLabel(session.user.role), csrf: session.csrfToken,
            canSeeResponses: session.user.role != .researcher, canCode: session.user.role != .staff)
    }

    static func roleLabel(_ role: UserRole) -> String {
        switch role {
        case .admin: "administrateur"
        case .staff: "équipe"
        case .researcher: "chercheur"
        }
    }

    /// A survey the session's scope covers; otherwise 403 (`user scope … --survey`).
    static func requireSurvey(_ surveyId: String, _ session: WebSession) throws {
        guard session.user.scope.allows(survey: surveyId) else { throw WebError.forbidden }
    }

    /// The regions the session's scope limits it to, or nil when it sees every region. Store
    /// reads take this list, so that a scoped account's pages are computed on its regions only.
    static func regions(_ session: WebSession) -> [String]? {
        session.user.scope.regions.isEmpty ? nil : session.user.scope.regions
    }

    /// A region (a filter, a response's answer, a fiche's region) the session may see; otherwise
    /// 403. Data without a region is only for accounts without a regional limit.
    static func requireRegion(_ region: String?, _ session: WebSession) throws {
        guard session.user.scope.allows(region: region) else { throw WebError.forbidden }
    }

    /// The staff roles that see responses and the dashboard.
    static let staffRoles: Set<UserRole> = [.admin, .staff]
}

import FabriqueCore
import FabriqueStore
import Foundation
import Hummingbird

/// Login and logout. Passwords are checked with bcrypt; the session cookie is `HttpOnly`,
/// `SameSite=Lax`, and `Secure` when the app is served over HTTPS. The login form itself carries
/// a CSRF token (double-submit cookie), so that no site can log a visitor into another account.
struct AuthController {
    let database: AppDatabase
    let renderer: PageRenderer
    let limiter: RateLimiter
    let secureCookies: Bool
    static let csrfCookie = "fabrique_connexion"
    static let sessionHours = 8.0
    /// Checked when the name is unknown, so that a wrong name costs as long as a wrong password.
    static let decoyHash = PasswordHasher.hash("fabrique-decoy")

    func addRoutes(to router: Router<WebContext>) {
        router.get("/connexion", use: show)
        router.post("/connexion", use: login)
        router.post("/deconnexion", use: logout)
    }

    @Sendable func show(_ request: Request, context: WebContext) async throws -> Response {
        try page(name: "", error: nil, next: request.uri.queryParameters["suite"].map(String.init) ?? "/gestion", status: .ok)
    }

    @Sendable func login(_ request: Request, context: WebContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        guard let sent = form["csrf"], let cookie = request.cookies[Self.csrfCookie]?.value, SecretToken.equal(sent, cookie) else {
            throw WebError.csrf
        }
        let name = (form["name"] ?? "").trimmingASCIIWhitespace()
        let next = Self.localPath(form["next"]) ?? "/gestion"
        guard limiter.allow(request, context) else { throw WebError.tooManyRequests }
        let found = try database.user(named: name)
        let password = form["password"] ?? ""
        let valid = await PasswordHasher.verifyAside(password, hash: found?.passwordHash ?? Self.decoyHash) && found != nil
        guard valid, let user = found?.user else {
            return try page(name: name, error: "Identifiant ou mot de passe incorrect.", next: next, status: .unauthorized)
        }
        let token = SecretToken.generate()
        let now = Date()
        try database.createSession(tokenSHA256: SecretToken.hash(token), userId: user.id, csrfToken: SecretToken.generate(),
                                   expiresAt: WebClock.now(now.addingTimeInterval(Self.sessionHours * 3600)), now: WebClock.now(now))
        var response = Response.redirect(to: user.role == .researcher && next == "/gestion" ? "/recherche/experiences" : next)
        response.setCookie(Cookie(name: SessionMiddleware.cookieName, value: token, maxAge: Int(Self.sessionHours * 3600), path: "/",
                                  secure: secureCookies, httpOnly: true, sameSite: .lax))
        response.setCookie(Cookie(name: Self.csrfCookie, value: "", maxAge: 0, path: "/connexion", secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func logout(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session, let token = request.cookies[SessionMiddleware.cookieName]?.value else { return .redirect(to: "/") }
        try StaffAccess.checkCSRF(try await FormBody.read(request, context: context), session)
        try database.deleteSession(tokenSHA256: SecretToken.hash(token))
        var response = Response.redirect(to: "/")
        response.setCookie(Cookie(name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    private func page(name: String, error: String?, next: String, status: HTTPResponse.Status) throws -> Response {
        let csrf = SecretToken.generate()
        var response = try renderer.page(LoginView(layout: LayoutView(pageTitle: "Connexion de l'équipe"), csrf: csrf, name: name, error: error,
                                                   next: Self.localPath(next) ?? "/gestion"), template: "connexion", status: status)
        response.setCookie(Cookie(name: Self.csrfCookie, value: csrf, path: "/connexion", secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    /// A redirect target only if it stays on this site (a path, not `//host` or a URL).
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"), !text.contains("\n"), !text.contains("\r") else { return nil }
        return text
    }
}

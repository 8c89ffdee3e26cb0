import FabriqueCore
import FabriqueStore
import Foundation
import Hummingbird

/// Login and logout. Passwords are checked with bcrypt; the session cookie is `HttpOnly`,
/// `SameSite=Lax`, and `Secure` when the app is served over HTTPS. The login form carries a token
/// signed by the server (`SignedToken`), also set as a cookie, and a browser's cross-site POST is
/// refused (`OriginCheck`): no site can log a visitor into another account, even by planting a
/// cookie of its own. Failed logins are throttled per account and per client (`LoginThrottle`).
struct AuthController {
    let database: any FabriqueStore
    let renderer: PageRenderer
    let throttle: LoginThrottle
    let signer: SignedToken
    let origin: OriginCheck
    let secureCookies: Bool
    static let csrfCookie = "fabrique_connexion"
    static let sessionHours = 8.0
    /// How long a login form may stay open before it must be reloaded.
    static let formMaxAge = 2 * 3600.0
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
        guard origin.isSameOrigin(request), let sent = form["csrf"], let cookie = request.cookies[Self.csrfCookie]?.value,
            SecretToken.equal(sent, cookie), signer.verify(cookie, purpose: "login", maxAge: Self.formMaxAge)
        else {
            throw WebError.csrf
        }
        let typed = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let name = UserName.normalised(typed) ?? ""
        let next = Self.localPath(form["next"]) ?? "/gestion"
        let client = throttle.addresses.client(request, context)
        guard !throttle.isBlocked(client: client, account: name) else { throw WebError.tooManyRequests }
        let found = name.isEmpty ? nil : try database.user(named: name)
        let password = form["password"] ?? ""
        let matches = await PasswordHasher.verifyAside(password, hash: found?.passwordHash ?? Self.decoyHash)
        guard matches, let user = found?.user, !user.disabled else {
            throttle.recordFailure(client: client, account: name)
            return try page(name: typed, error: "Identifiant ou mot de passe incorrect.", next: next, status: .unauthorized)
        }
        throttle.recordSuccess(client: client, account: name)
        // Logging in again from the same browser ends the session it had.
        if let previous = request.cookies[SessionMiddleware.cookieName]?.value, SecretToken.isWellFormed(previous) {
            try database.deleteSession(tokenSHA256: SecretToken.hash(previous))
        }
        let token = SecretToken.generate()
        let now = Date()
        try database.createSession(
            tokenSHA256: SecretToken.hash(token), userId: user.id, csrfToken: SecretToken.generate(),
            expiresAt: WebClock.now(now.addingTimeInterval(Self.sessionHours * 3600)), now: WebClock.now(now),
            client: client, userAgent: request.headers[.userAgent] ?? "")
        var response = Response.redirect(to: user.role == .researcher && next == "/gestion" ? "/recherche/experiences" : next)
        response.setCookie(
            Cookie(
                name: SessionMiddleware.cookieName, value: token, maxAge: Int(Self.sessionHours * 3600), path: "/",
                secure: secureCookies, httpOnly: true, sameSite: .lax))
        response.setCookie(
            Cookie(name: Self.csrfCookie, value: "", maxAge: 0, path: "/connexion", secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func logout(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session, let token = request.cookies[SessionMiddleware.cookieName]?.value else { return .redirect(to: "/") }
        try StaffAccess.checkCSRF(try await FormBody.read(request, context: context), session)
        try database.deleteSession(tokenSHA256: SecretToken.hash(token))
        var response = Response.redirect(to: "/")
        response.setCookie(
            Cookie(name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    private func page(name: String, error: String?, next: String, status: HTTPResponse.Status) throws -> Response {
        let csrf = signer.issue(purpose: "login")
        var response = try renderer.page(
            LoginView(
                layout: LayoutView(pageTitle: "Connexion de l'équipe"), csrf: csrf, name: name, error: error,
                next: Self.localPath(next) ?? "/gestion"), template: "connexion", status: status)
        response.setCookie(Cookie(name: Self.csrfCookie, value: csrf, path: "/connexion", secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    /// Where a login may lead: the staff pages and the researchers' pages.
    static let landingPrefixes = ["/gestion", "/recherche"]

    /// A redirect target after login only if it is a path of the app's own staff or research pages,
    /// written with URL characters alone: a tab, a space, a backslash or `//` could make a browser
    /// read it as another host (`/<tab>/evil.example` becomes `//evil.example`).
    static func localPath(_ text: String?) -> String? {
        guard let text, text.utf8.count <= 2048,
            text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "\"") })
        else { return nil }
        let path = text.prefix { $0 != "?" && $0 != "#" }
        guard !path.contains("//"), landingPrefixes.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return nil }
        return text
    }
}

import FabriqueCore
import FabriqueStore
import Hummingbird

/// A survey's open, anonymous link: each visitor who starts gets a private respondent token of
/// their own (so drafts and the one-response rule work as for invitations), with a per-address
/// limit on how many starts a client may make. The start is a POST of the page's form, with a
/// token signed by the server and an origin check, so that another site cannot start respondents
/// (and use up the limit) on a visitor's behalf.
struct OpenLinkController {
    let database: any FabriqueStore
    let catalog: SurveyCatalog
    let renderer: PageRenderer
    let limiter: RateLimiter
    let signer: SignedToken
    let origin: OriginCheck
    /// How long the start page may stay open before its form must be reloaded.
    static let formMaxAge = 24 * 3600.0

    func addRoutes(to router: Router<WebContext>) {
        router.get("/o/:token", use: show)
        router.post("/o/:token", use: start)
    }

    private func survey(_ context: WebContext) throws -> Survey {
        guard let token = context.parameters.get("token"), SecretToken.isWellFormed(token),
            let surveyId = try database.openLinkSurvey(tokenSHA256: SecretToken.hash(token))
        else { throw WebError.notFound }
        let survey = try catalog.entry(surveyId: surveyId).survey
        if try database.surveyClosing(id: surveyId)?.closedAt != nil { throw SurveyClosed(surveyTitle: survey.title) }
        return survey
    }

    @Sendable func show(_ request: Request, context: WebContext) async throws -> Response {
        let survey = try survey(context)
        return try renderer.page(
            OpenStartView(
                layout: LayoutView(pageTitle: survey.title), surveyTitle: survey.title,
                description: survey.description, action: request.uri.path,
                token: signer.issue(purpose: Self.purpose(survey))), template: "ouvert")
    }

    @Sendable func start(_ request: Request, context: WebContext) async throws -> Response {
        let survey = try survey(context)
        let form = try await FormBody.read(request, context: context)
        guard origin.isSameOrigin(request), let sent = form["jeton"],
            signer.verify(sent, purpose: Self.purpose(survey), maxAge: Self.formMaxAge)
        else { throw WebError.csrf }
        guard limiter.allow(request, context) else { throw WebError.tooManyRequests }
        let token = SecretToken.generate(bytes: 16)
        try database.startOpenInvitation(surveyId: survey.id, tokenSHA256: SecretToken.hash(token), at: WebClock.now())
        return .redirect(to: "/r/\(token)")
    }

    private static func purpose(_ survey: Survey) -> String { "open-link " + survey.id }
}

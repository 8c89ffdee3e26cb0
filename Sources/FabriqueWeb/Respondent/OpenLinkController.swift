import FabriqueCore
import FabriqueStore
import Hummingbird

/// A survey's open, anonymous link: each visitor who starts gets a private respondent token of
/// their own (so drafts and the one-response rule work as for invitations), with a per-address
/// limit on how many starts a client may make.
struct OpenLinkController {
    let database: AppDatabase
    let catalog: SurveyCatalog
    let renderer: PageRenderer
    let limiter: RateLimiter

    func addRoutes(to router: Router<WebContext>) {
        router.get("/o/:token", use: show)
        router.post("/o/:token", use: start)
    }

    private func survey(_ context: WebContext) throws -> Survey {
        guard let token = context.parameters.get("token"), SecretToken.isWellFormed(token),
              let surveyId = try database.openLinkSurvey(tokenSHA256: SecretToken.hash(token)) else { throw WebError.notFound }
        let survey = try catalog.entry(surveyId: surveyId).survey
        if try database.surveyClosing(id: surveyId)?.closedAt != nil { throw SurveyClosed(surveyTitle: survey.title) }
        return survey
    }

    @Sendable func show(_ request: Request, context: WebContext) async throws -> Response {
        let survey = try survey(context)
        return try renderer.page(OpenStartView(layout: LayoutView(pageTitle: survey.title), surveyTitle: survey.title,
                                               description: survey.description, action: request.uri.path), template: "ouvert")
    }

    @Sendable func start(_ request: Request, context: WebContext) async throws -> Response {
        let survey = try survey(context)
        guard limiter.allow(request, context) else { throw WebError.tooManyRequests }
        let token = SecretToken.generate(bytes: 16)
        try database.startOpenInvitation(surveyId: survey.id, tokenSHA256: SecretToken.hash(token), at: WebClock.now())
        return .redirect(to: "/r/\(token)")
    }
}

import Hummingbird

/// Thrown by the respondent routes when the survey was closed (`fabrique survey close`).
struct SurveyClosed: Error {
    /// The survey's title, shown on the page.
    let surveyTitle: String
}

/// Turns `SurveyClosed` into a French page with status 410 Gone: the link was valid, the
/// collection is over. Kept apart from `ErrorPages`, whose 404 page is identical for every error.
struct SurveyClosedPages: RouterMiddleware {
    typealias Context = WebContext
    let renderer: PageRenderer

    /// The page's text.
    static let message =
        "La collecte des réponses à cette enquête est terminée : il n’est plus possible d’y répondre, "
        + "ni d’enregistrer ou d’envoyer un questionnaire commencé. Merci de l’attention que vous lui avez portée. "
        + "Pour toute question, écrivez à l’équipe qui vous a invité."

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let closed as SurveyClosed {
            return try renderer.page(
                ClosedSurveyView(
                    layout: LayoutView(pageTitle: "Enquête close"), surveyTitle: closed.surveyTitle,
                    message: Self.message),
                template: "enquete-close", status: .gone)
        }
    }
}

/// The closed-survey page.
struct ClosedSurveyView {
    var layout: LayoutView
    var surveyTitle: String
    var message: String
}

import FabriqueCore
import FabriqueStore
import Foundation
import Hummingbird

/// The erasure of a response by an administrator (RGPD right to erasure), from its detail page:
/// a confirmation page that lists what will go and asks for the reason, then the erasure itself
/// (one transaction, secure deletion, recorded in the erasure log without the erased data).
struct ErasureController {
    let database: any FabriqueStore
    let catalog: SurveyCatalog
    let renderer: PageRenderer

    /// Only administrators erase.
    static let roles: Set<UserRole> = [.admin]

    func addRoutes(to router: Router<WebContext>) {
        router.get("/gestion/enquetes/:survey/reponses/:response/effacer", use: confirm)
        router.post("/gestion/enquetes/:survey/reponses/:response/effacer", use: erase)
    }

    @Sendable func confirm(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(Self.roles, request, context)
        let (entry, responseId) = try target(context, session)
        return try render(session, entry, responseId, reason: "", reasonError: nil)
    }

    @Sendable func erase(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(Self.roles, request, context)
        let form = try await FormBody.read(request, context: context)
        try StaffAccess.checkCSRF(form, session)
        let (entry, responseId) = try target(context, session)
        let reason = (form["motif"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            return try render(
                session, entry, responseId, reason: "", reasonError: "Indiquez le motif de l’effacement.", status: .unprocessableContent)
        }
        let report = try database.eraseResponse(
            surveyId: entry.survey.id, responseId: responseId, reason: reason, actor: session.user.name,
            at: WebClock.now(), dryRun: false)
        return try renderer.page(
            view(session, entry, responseId, items: Self.sentences(report), reason: reason, reasonError: nil, done: true),
            template: "reponse-effacer")
    }

    private func render(
        _ session: WebSession, _ entry: SurveyCatalog.Entry, _ responseId: String, reason: String, reasonError: String?,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let planned = try database.eraseResponse(
            surveyId: entry.survey.id, responseId: responseId, reason: "aperçu", actor: session.user.name,
            at: WebClock.now(), dryRun: true)
        return try renderer.page(
            view(session, entry, responseId, items: Self.sentences(planned), reason: reason, reasonError: reasonError, done: false),
            template: "reponse-effacer", status: status)
    }

    private func view(
        _ session: WebSession, _ entry: SurveyCatalog.Entry, _ responseId: String, items: [String], reason: String,
        reasonError: String?, done: Bool
    ) -> EraseResponseView {
        let list = "/gestion/enquetes/\(entry.survey.id)/reponses"
        let detail = "\(list)/\(ResponsesController.pathComponent(responseId))"
        return EraseResponseView(
            layout: LayoutView(pageTitle: done ? "Réponse effacée" : "Effacer la réponse \(responseId)", nav: StaffAccess.nav(session)),
            surveyTitle: entry.survey.title, responseId: responseId, items: items, action: "\(detail)/effacer", csrf: session.csrfToken,
            reason: reason, reasonError: reasonError, done: done, cancelURL: detail, listURL: list)
    }

    /// The survey and the id of a stored response named by the path, or the common 404.
    /// An administrator limited by `user scope` erases only within that scope.
    private func target(_ context: WebContext, _ session: WebSession) throws -> (SurveyCatalog.Entry, String) {
        let entry = try ResponsesController.entry(context, session, catalog: catalog)
        return (entry, try ResponsesController.response(context, entry, session, database: database).responseId)
    }

    /// An erasure report in French, one sentence per kind.
    static func sentences(_ report: ErasureReport) -> [String] {
        var result: [String] = []
        if report.count(.response) > 0 { result.append("la réponse et toutes ses valeurs") }
        let edits = report.count(.auditEntry)
        if edits > 0 {
            result.append(
                edits == 1
                    ? "les valeurs avant et après de 1 modification du journal (l’entrée reste, sans ces valeurs)"
                    : "les valeurs avant et après de \(edits) modifications du journal (les entrées restent, sans ces valeurs)")
        }
        if report.count(.unlinkedInvitation) > 0 {
            result.append(
                "le lien entre l’invitation et la réponse "
                    + "(l’invitation reste marquée comme utilisée : la personne ne sera pas réinvitée)")
        }
        return result
    }
}

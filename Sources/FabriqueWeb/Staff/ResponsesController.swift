import FabriqueCore
import FabriqueStore
import Foundation
import Hummingbird

/// The response browser, a response's detail with its edit history, and the staff edit form.
/// An edit goes through the same validator as the respondent's form and is written to the audit
/// log (who, when, before, after) in the same transaction.
struct ResponsesController {
    let database: any FabriqueStore
    let catalog: SurveyCatalog
    let renderer: PageRenderer
    static let pageSize = 50

    func addRoutes(to router: Router<WebContext>) {
        router.get("/gestion/enquetes/:survey/reponses", use: list)
        router.get("/gestion/enquetes/:survey/reponses/:response", use: detail)
        router.get("/gestion/enquetes/:survey/reponses/:response/modifier", use: editForm)
        router.post("/gestion/enquetes/:survey/reponses/:response/modifier", use: saveEdit)
    }

    @Sendable func list(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(StaffAccess.staffRoles, request, context)
        let entry = try entry(context, session)
        let query = request.uri.queryParameters
        let region = query["region"].map(String.init) ?? ""
        let origin = query["origine"].map(String.init) ?? ""
        if !region.isEmpty { try StaffAccess.requireRegion(region, session) }
        let requested = PageNumber(query: query["page"])
        var conditions: [(column: String, value: String)] = []
        if !region.isEmpty { conditions.append(("region", region)) }
        if !origin.isEmpty { conditions.append(("origin", origin)) }
        let (total, rows) = try database.responseSummaries(
            surveyId: entry.survey.id, where: conditions, regions: StaffAccess.regions(session),
            limit: Self.pageSize,
            offset: requested.offset(pageSize: Self.pageSize))
        let regions = try database.regions().filter { session.user.scope.allows(region: $0.code) }
        let regionNames = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0.name) })
        let base = "/gestion/enquetes/\(entry.survey.id)/reponses"
        func link(_ page: Int) -> String {
            base + "?region=\(region.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                + "&origine=\(origin.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&page=\(page)"
        }
        // A page past the end (an old link, a typed number) shows the last page.
        let page = requested.clamped(total: total, pageSize: Self.pageSize).value
        if page != requested.value { return .redirect(to: link(page)) }
        let first = total == 0 ? 0 : (page - 1) * Self.pageSize + 1
        let view = ResponsesView(
            layout: LayoutView(pageTitle: "Réponses", nav: StaffAccess.nav(session)), surveyId: entry.survey.id, surveyTitle: entry.survey.title,
            action: base,
            regions: regions.map { FilterOptionView(value: $0.code, label: $0.name, selected: $0.code == region) },
            origins: [("web", "Formulaire web"), ("import", "Import CSV")].map {
                FilterOptionView(value: $0.0, label: $0.1, selected: $0.0 == origin)
            },
            rows: rows.map { row in
                ResponseRowView(
                    responseId: row.responseId, origin: row.origin, version: row.surveyVersion,
                    region: row.region.map { regionNames[$0] ?? $0 } ?? "", url: "\(base)/\(Self.pathComponent(row.responseId))")
            },
            total: total, showing: total == 0 ? "Aucune réponse." : "Réponses \(first) à \(first + rows.count - 1) sur \(total)",
            previousURL: page > 1 ? link(page - 1) : nil, nextURL: page * Self.pageSize < total ? link(page + 1) : nil)
        return try renderer.page(view, template: "reponses")
    }

    @Sendable func detail(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(StaffAccess.staffRoles, request, context)
        let entry = try entry(context, session)
        let stored = try response(context, entry, session)
        let summary = AnswerSummary(flow: entry.flow)
        let answers = entry.survey.fields.compactMap { field -> AnswerRowView? in
            stored.values[field.name].map { AnswerRowView(name: field.name, label: field.label, value: summary.display($0, field)) }
        }
        let edits = try database.responseEdits(surveyId: entry.survey.id, responseId: stored.responseId).reversed().map { edit in
            EditRowView(
                actor: edit.actor, at: WebClock.french(edit.at),
                changes: Set(edit.before.keys).union(edit.after.keys).sorted().compactMap { name in
                    edit.before[name] == edit.after[name]
                        ? nil : ChangeView(name: name, before: edit.before[name] ?? "", after: edit.after[name] ?? "")
                })
        }
        let base = "/gestion/enquetes/\(entry.survey.id)/reponses"
        var view = ResponseDetailView(
            layout: LayoutView(pageTitle: "Réponse \(stored.responseId)", nav: StaffAccess.nav(session)), surveyTitle: entry.survey.title,
            responseId: stored.responseId, origin: stored.origin, version: stored.surveyVersion, answers: answers, edits: Array(edits),
            hasEdits: !edits.isEmpty, editURL: "\(base)/\(Self.pathComponent(stored.responseId))/modifier", backURL: base)
        if ErasureController.roles.contains(session.user.role) { view.eraseURL = "\(base)/\(Self.pathComponent(stored.responseId))/effacer" }
        return try renderer.page(view, template: "reponse")
    }

    @Sendable func editForm(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(StaffAccess.staffRoles, request, context)
        let entry = try entry(context, session)
        let stored = try response(context, entry, session)
        let draft = Self.rawAnswers(stored.values, entry.flow)
        let evaluation = entry.flow.validator.evaluate(draft, today: WebClock.today())
        return try renderEdit(session, entry, stored.responseId, draft: draft, evaluation: evaluation, issues: [])
    }

    @Sendable func saveEdit(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(StaffAccess.staffRoles, request, context)
        let form = try await FormBody.read(request, context: context)
        try StaffAccess.checkCSRF(form, session)
        let entry = try entry(context, session)
        let stored = try response(context, entry, session)
        var draft = Self.rawAnswers(stored.values, entry.flow)
        entry.flow.merge(form.pairs, into: &draft, allowed: entry.flow.allFieldNames)
        let evaluation = entry.flow.validator.evaluate(draft, today: WebClock.today())
        guard evaluation.isValid else {
            return try renderEdit(
                session, entry, stored.responseId, draft: draft, evaluation: evaluation, issues: evaluation.issues,
                status: .unprocessableContent)
        }
        // A scoped account cannot move a response out of its regions either.
        try StaffAccess.requireRegion(evaluation.values["region"], session)
        let names = entry.flow.validator.fieldNames
        try database.editResponse(
            survey: entry.survey, responseId: stored.responseId, fieldNames: names, values: names.map { evaluation.values[$0] },
            actor: session.user.name, at: WebClock.now())
        return .redirect(to: "/gestion/enquetes/\(entry.survey.id)/reponses/\(Self.pathComponent(stored.responseId))")
    }

    private func renderEdit(
        _ session: WebSession, _ entry: SurveyCatalog.Entry, _ responseId: String, draft: [String: String],
        evaluation: FormEvaluation, issues: [ValidationIssue], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let builder = QuestionViewBuilder(
            flow: entry.flow, choices: entry.choices, draft: draft, evaluation: evaluation, issues: issues, today: WebClock.today(), showAll: true)
        let base = "/gestion/enquetes/\(entry.survey.id)/reponses/\(Self.pathComponent(responseId))"
        let errors = entry.survey.sections.flatMap { builder.errorLinks(section: $0) }
        let view = ResponseEditView(
            layout: LayoutView(
                pageTitle: "Modifier la réponse \(responseId)", nav: StaffAccess.nav(session), scripts: [entry.scriptURL, "/static/formulaire.js"]),
            surveyTitle: entry.survey.title, responseId: responseId, action: "\(base)/modifier", csrf: session.csrfToken, errors: errors,
            hasErrors: !errors.isEmpty,
            sections: entry.survey.sections.map { EditSectionView(title: $0.title, questions: builder.views(section: $0)) },
            cancelURL: base, today: WebClock.today().description)
        return try renderer.page(view, template: "reponse-modifier", status: status)
    }

    private func entry(_ context: WebContext, _ session: WebSession) throws -> SurveyCatalog.Entry {
        try Self.entry(context, session, catalog: catalog)
    }

    private func response(_ context: WebContext, _ entry: SurveyCatalog.Entry, _ session: WebSession) throws -> StoredResponse {
        try Self.response(context, entry, session, database: database)
    }

    /// The survey of the path, if the session's scope covers it (the response routes and erasure).
    static func entry(_ context: WebContext, _ session: WebSession, catalog: SurveyCatalog) throws -> SurveyCatalog.Entry {
        let entry = try catalog.served(context.parameters.get("survey"))
        try StaffAccess.requireSurvey(entry.survey.id, session)
        return entry
    }

    /// The response of the path, if the session's scope covers its region.
    static func response(_ context: WebContext, _ entry: SurveyCatalog.Entry, _ session: WebSession, database: any FabriqueStore) throws
        -> StoredResponse
    {
        guard let id = context.parameters.get("response").map({ FormBody.decode($0) }),
            let stored = try database.response(surveyId: entry.survey.id, responseId: id)
        else { throw WebError.notFound }
        try StaffAccess.requireRegion(stored.values["region"], session)
        return stored
    }

    /// Stored canonical values as the form's raw answers (dates as typed in a date field: ISO).
    static func rawAnswers(_ values: [String: String], _ flow: FormFlow) -> [String: String] {
        values.filter { flow.field(named: $0.key).map { $0.question.type != .calculate } ?? false }
    }

    /// A response id inside a URL path.
    static func pathComponent(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? id
    }
}

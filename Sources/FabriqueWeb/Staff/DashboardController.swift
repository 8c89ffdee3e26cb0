import FabriqueCSV
import FabriqueCore
import FabriqueFormats
import FabriqueReports
import FabriqueStore
import Hummingbird

/// The staff dashboard: invitations, drafts and responses by region and by approach, with the
/// response rate, the non-respondents list as a CSV for reminders, and the links to the responses
/// for SPSS and Stata (`ResponseFilesController`).
struct DashboardController {
    let database: any FabriqueStore
    let catalog: SurveyCatalog
    let renderer: PageRenderer

    func addRoutes(to router: Router<WebContext>) {
        router.get("/gestion", use: home)
        router.get("/gestion/enquetes/:survey", use: dashboard)
        router.get("/gestion/enquetes/:survey/non-repondants.csv", use: nonRespondents)
    }

    @Sendable func home(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require([.admin, .staff, .researcher], request, context)
        if session.user.role == .researcher { return .redirect(to: "/recherche/experiences") }
        guard let first = try database.surveyIds().first(where: session.user.scope.allows(survey:)) else { throw WebError.notFound }
        return .redirect(to: "/gestion/enquetes/\(first)")
    }

    @Sendable func dashboard(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(StaffAccess.staffRoles, request, context)
        let surveyId = try surveyId(context, session)
        let survey = try catalog.entry(surveyId: surveyId).survey
        let regionNames = Dictionary(uniqueKeysWithValues: try database.regions().map { ($0.code, $0.name) })
        // A scoped account's dashboard is computed on its regions only.
        let scope = StaffAccess.regions(session)
        let stored = Dictionary(
            try database.responseGroupCounts(surveyId: surveyId, names: ["region"], where: []).map { ($0.values[0] ?? "", $0.count) }
                .filter { scope?.contains($0.0) ?? true },
            uniquingKeysWith: +)
        let byRegion = try database.invitationCountsByRegion(surveyId: surveyId, regions: scope)
        var regionRows = byRegion.map { counts in
            Self.row(
                counts, label: counts.key.map { regionNames[$0] ?? $0 } ?? "Région non renseignée",
                stored: String(stored[counts.key ?? ""] ?? 0))
        }
        // Regions with stored responses (imports, open link) but no invitation still get a line.
        let invitedRegions = Set(byRegion.compactMap(\.key))
        for (code, count) in stored.sorted(by: { $0.key < $1.key }) where !code.isEmpty && !invitedRegions.contains(code) {
            regionRows.append(Self.row(InvitationCounts(key: code), label: regionNames[code] ?? code, stored: String(count)))
        }
        var total = InvitationCounts(key: nil)
        for counts in byRegion {
            total.invited += counts.invited
            total.drafts += counts.drafts
            total.submitted += counts.submitted
        }
        let approachLabels = [
            "CLS": "Contrat local de santé (CLS)", "CLSM": "Conseil local de santé mentale (CLSM)", "ASV": "Atelier santé ville (ASV)"
        ]
        // The open link's counts are national: not for an account limited to regions.
        let open = scope == nil ? try database.openLinkCounts(surveyId: surveyId) : (started: 0, submitted: 0)
        let surveys = try database.surveyIds().filter(session.user.scope.allows(survey:)).map { id in
            SurveyLinkView(
                id: id, title: (try? catalog.entry(surveyId: id).survey.title) ?? id, url: "/gestion/enquetes/\(id)", current: id == surveyId)
        }
        var view = DashboardView(
            layout: LayoutView(pageTitle: "Tableau de bord", nav: StaffAccess.nav(session)), surveys: surveys, surveyId: surveyId,
            surveyTitle: survey.title, byRegion: regionRows,
            byApproach: try database.invitationCountsByApproach(surveyId: surveyId, regions: scope).map {
                Self.row($0, label: $0.key.map { approachLabels[$0] ?? $0 } ?? "Démarche non renseignée", stored: "")
            },
            total: Self.row(total, label: "Total", stored: String(stored.values.reduce(0, +))),
            openStarted: open.started, openSubmitted: open.submitted, storedTotal: stored.values.reduce(0, +),
            nonRespondentsURL: "/gestion/enquetes/\(surveyId)/non-repondants.csv", responsesURL: "/gestion/enquetes/\(surveyId)/reponses")
        view.spssURL = ResponseFilesController.url(surveyId: surveyId, .sav)
        view.stataURL = ResponseFilesController.url(surveyId: surveyId, .dta)
        view.scopeLabel = scope.map { $0.map { regionNames[$0] ?? $0 }.joined(separator: ", ") }
        if session.user.scope.isUnlimited { view.privacy = try PrivacyStatus(database: database, catalog: catalog).view(surveyId: surveyId) }
        return try renderer.page(view, template: "tableau-de-bord")
    }

    /// The invited contacts who have not answered, as a French-Excel CSV (`;`, BOM) for a mail merge.
    @Sendable func nonRespondents(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(StaffAccess.staffRoles, request, context)
        let surveyId = try surveyId(context, session)
        let region = request.uri.queryParameters["region"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        if region != nil { try StaffAccess.requireRegion(region, session) }
        var bytes = CSVWriter.encode(
            ["nom", "email", "organisation", "fonction", "region", "departement", "demarches", "invite_le", "brouillon_le"],
            format: .frenchExcel)
        var format = CSVOutputFormat.frenchExcel
        format.byteOrderMark = false
        for person in try database.nonRespondents(surveyId: surveyId, region: region, regions: StaffAccess.regions(session)) {
            let contact = person.contact
            bytes += CSVWriter.encode(
                [
                    contact.name, contact.email, contact.organisation, contact.role, contact.regionCode ?? "",
                    contact.departementCode ?? "", contact.approaches.joined(separator: " "),
                    WebClock.french(person.invitedAt), person.draftUpdatedAt.map(WebClock.french) ?? ""
                ], format: format)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"non-repondants-\(surveyId).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func surveyId(_ context: WebContext, _ session: WebSession) throws -> String {
        let id = try catalog.served(context.parameters.get("survey")).survey.id
        try StaffAccess.requireSurvey(id, session)
        return id
    }

    static func row(_ counts: InvitationCounts, label: String, stored: String) -> CountRowView {
        CountRowView(
            label: label, invited: counts.invited, drafts: counts.drafts, submitted: counts.submitted,
            rate: counts.invited == 0 ? "–" : percent(Double(counts.submitted) / Double(counts.invited)), stored: stored)
    }

    /// "42,5 %", written as the published tables write percentages, with a narrow no-break space.
    static func percent(_ ratio: Double) -> String { PublishedTable.percent(ratio * 100) + "\u{202F}%" }
}

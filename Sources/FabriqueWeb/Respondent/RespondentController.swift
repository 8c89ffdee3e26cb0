import FabriqueCore
import FabriqueStore
import Hummingbird

/// The respondent's form behind a personal (or open-link) token: one page per section, a draft
/// saved at every page, a review page, one submission per link, and a receipt.
struct RespondentController {
    let database: any FabriqueStore
    let catalog: SurveyCatalog
    let renderer: PageRenderer
    let batcher: SubmissionBatcher

    func addRoutes(to router: Router<WebContext>) {
        router.get("/r/:token", use: resume)
        router.get("/r/:token/page/:page", use: showPage)
        router.post("/r/:token/page/:page", use: savePage)
        router.get("/r/:token/relecture", use: review)
        router.post("/r/:token/envoi", use: submit)
        router.get("/recu/:receipt", use: receipt)
    }

    /// An open invitation and its survey; unknown and used tokens end the same way (404).
    struct Opened {
        let token: String
        let invitation: Invitation
        let entry: SurveyCatalog.Entry
        var flow: FormFlow { entry.flow }
        var base: String { "/r/\(token)" }
    }

    func open(_ context: WebContext) throws -> Opened {
        guard let token = context.parameters.get("token"), SecretToken.isWellFormed(token),
            let invitation = try database.invitation(tokenSHA256: SecretToken.hash(token)), invitation.submittedAt == nil
        else {
            throw WebError.notFound
        }
        let entry = try catalog.entry(surveyId: invitation.surveyId)
        if invitation.surveyClosed { throw SurveyClosed(surveyTitle: entry.survey.title) }
        return Opened(token: token, invitation: invitation, entry: entry)
    }

    @Sendable func resume(_ request: Request, context: WebContext) async throws -> Response {
        let opened = try open(context)
        let evaluation = opened.flow.validator.evaluate(opened.invitation.draft, today: WebClock.today())
        let shown = opened.flow.shownPages(evaluation)
        let page = opened.invitation.draftPage.flatMap { saved in shown.first { $0 >= saved } } ?? shown.first
        return .redirect(to: page.map { "\(opened.base)/page/\($0)" } ?? "\(opened.base)/relecture")
    }

    @Sendable func showPage(_ request: Request, context: WebContext) async throws -> Response {
        let opened = try open(context)
        let page = try pageNumber(context, opened.flow)
        let evaluation = opened.flow.validator.evaluate(opened.invitation.draft, today: WebClock.today())
        guard opened.flow.isShown(page: page, evaluation) else { return .redirect(to: next(after: page, opened, evaluation)) }
        let notice =
            request.uri.queryParameters["enregistre"] != nil
            ? "Vos réponses sont enregistrées. Vous pouvez fermer cette page et reprendre plus tard avec le même lien." : nil
        return try render(page: page, opened, draft: opened.invitation.draft, evaluation: evaluation, issues: [], notice: notice)
    }

    @Sendable func savePage(_ request: Request, context: WebContext) async throws -> Response {
        let opened = try open(context)
        let page = try pageNumber(context, opened.flow)
        let form = try await FormBody.read(request, context: context)
        var draft = opened.invitation.draft
        opened.flow.merge(form.pairs, into: &draft, allowed: opened.flow.fieldNames(onPage: page))
        let evaluation = opened.flow.validator.evaluate(draft, today: WebClock.today())
        return try await storing(context) {
            switch form["action"] {
            case "precedent":
                let target = opened.flow.shownPages(evaluation).last { $0 < page } ?? page
                try saveDraft(opened, draft, page: target)
                return .redirect(to: "\(opened.base)/page/\(target)")
            case "enregistrer":
                try saveDraft(opened, draft, page: page)
                return .redirect(to: "\(opened.base)/page/\(page)?enregistre=1")
            default:
                let issues = opened.flow.issues(onPage: page, evaluation)
                guard issues.isEmpty else {
                    try saveDraft(opened, draft, page: page)
                    return try render(
                        page: page, opened, draft: draft, evaluation: evaluation, issues: issues, notice: nil, status: .unprocessableContent)
                }
                // An answer outside a soft limit (REDCap's min and max) is shown once to be checked;
                // sent again unchanged, it is kept.
                let confirmed = Set(form.pairs.filter { $0.name == "_verifie" }.map(\.value))
                let unchecked = opened.flow.warnings(onPage: page, evaluation).filter {
                    !confirmed.contains(FormFlow.confirmation(of: $0, evaluation))
                }
                guard unchecked.isEmpty else {
                    try saveDraft(opened, draft, page: page)
                    return try render(page: page, opened, draft: draft, evaluation: evaluation, issues: [], notice: nil, warnings: unchecked)
                }
                let target = next(after: page, opened, evaluation)
                try saveDraft(opened, draft, page: opened.flow.shownPages(evaluation).first { $0 > page } ?? page)
                return .redirect(to: target)
            }
        } unavailable: {
            try render(
                page: page, opened, draft: draft, evaluation: evaluation, issues: [], notice: nil, alert: WebError.unavailableMessage,
                status: .serviceUnavailable)
        }
    }

    @Sendable func review(_ request: Request, context: WebContext) async throws -> Response {
        let opened = try open(context)
        let evaluation = opened.flow.validator.evaluate(opened.invitation.draft, today: WebClock.today())
        return try renderReview(opened, evaluation: evaluation, showIssues: false)
    }

    /// Stores the response. Fields posted here (any page's) are merged first, so a client may
    /// also send a whole response in one request; the validator has the last word either way.
    @Sendable func submit(_ request: Request, context: WebContext) async throws -> Response {
        let opened = try open(context)
        let form = try await FormBody.read(request, context: context)
        var draft = opened.invitation.draft
        opened.flow.merge(form.pairs, into: &draft, allowed: opened.flow.allFieldNames)
        let validator = opened.flow.validator
        // The values by position, as stored; the keyed evaluation only when the review page shows.
        let checked = validator.validate(fields: validator.aligned(draft), today: WebClock.today())
        return try await storing(context) {
            guard checked.issues.isEmpty else {
                if draft != opened.invitation.draft { try saveDraft(opened, draft, page: opened.invitation.draftPage ?? 0) }
                let evaluation = validator.evaluate(draft, today: WebClock.today())
                return try renderReview(opened, evaluation: evaluation, showIssues: true, status: .unprocessableContent)
            }
            let receipt = SecretToken.generate(bytes: 16)
            let stored = try await batcher.submit(
                survey: opened.entry.survey, fieldNames: validator.fieldNames,
                Submission(
                    invitationId: opened.invitation.id, values: checked.values,
                    responseId: "web-" + SecretToken.generate(bytes: 12), receiptSHA256: SecretToken.hash(receipt), at: WebClock.now()))
            guard stored else { throw WebError.notFound }
            return .redirect(to: "/recu/\(receipt)")
        } unavailable: {
            try renderReview(
                opened, evaluation: validator.evaluate(draft, today: WebClock.today()), showIssues: false,
                alert: WebError.unavailableMessage, status: .serviceUnavailable)
        }
    }

    @Sendable func receipt(_ request: Request, context: WebContext) async throws -> Response {
        guard let code = context.parameters.get("receipt"), SecretToken.isWellFormed(code),
            let found = try database.receipt(receiptSHA256: SecretToken.hash(code))
        else { throw WebError.notFound }
        let title = (try? catalog.entry(surveyId: found.surveyId).survey.title) ?? found.surveyId
        return try renderer.page(
            ReceiptView(
                layout: LayoutView(pageTitle: "Réponses envoyées"), surveyTitle: title,
                receipt: Self.grouped(code), submittedAt: WebClock.french(found.submittedAt)), template: "recu")
    }

    // MARK: - Helpers

    /// Runs a write of the respondent's answers. A full or failing disk is logged with its cause
    /// and answered by `unavailable` (503): the page shows again what they typed, nothing is
    /// lost from the screen, and the server keeps serving.
    private func storing(
        _ context: WebContext, _ write: () async throws -> Response,
        unavailable: () throws -> Response
    ) async throws -> Response {
        do {
            return try await write()
        } catch let error as StoreError where error.isStorageFault {
            context.logger.error("answers not saved", metadata: ["error": "\(error.localizedDescription)"])
            return try unavailable()
        }
    }

    private func pageNumber(_ context: WebContext, _ flow: FormFlow) throws -> Int {
        guard let page = context.parameters.get("page", as: Int.self), flow.pages.indices.contains(page) else { throw WebError.notFound }
        return page
    }

    private func next(after page: Int, _ opened: Opened, _ evaluation: FormEvaluation) -> String {
        opened.flow.shownPages(evaluation).first { $0 > page }.map { "\(opened.base)/page/\($0)" } ?? "\(opened.base)/relecture"
    }

    /// Saves the draft without the control and bidirectional characters the form refuses: the
    /// page shows the refusal, and no such character is ever stored.
    private func saveDraft(_ opened: Opened, _ draft: [String: String], page: Int) throws {
        let draft = draft.mapValues(TextInput.removingForbiddenCharacters)
        guard try database.saveDraft(invitationId: opened.invitation.id, draft: draft, page: page, at: WebClock.now()) else {
            throw WebError.notFound
        }
    }

    private func render(
        page: Int, _ opened: Opened, draft: [String: String], evaluation: FormEvaluation, issues: [ValidationIssue],
        notice: String?, alert: String? = nil, warnings: [ValidationIssue] = [],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let flow = opened.flow
        let section = flow.survey.sections[flow.pages[page].sectionIndex]
        let builder = QuestionViewBuilder(
            flow: flow, choices: opened.entry.choices, blanks: opened.entry.blanks, draft: draft, evaluation: evaluation,
            issues: issues, today: WebClock.today())
        let shown = flow.shownPages(evaluation)
        let step = (shown.firstIndex(of: page) ?? 0) + 1
        let onPage = flow.fieldNames(onPage: page)
        let others = evaluation.values.filter { !onPage.contains($0.key) }.sorted { $0.key < $1.key }
        let errors = builder.errorLinks(section: section)
        let layout = LayoutView(pageTitle: section.title, scripts: [opened.entry.scriptURL, "/static/formulaire.js"])
        let view = FormPageView(
            layout: layout,
            surveyTitle: flow.survey.title, sectionTitle: section.title, sectionDescription: section.description,
            stepLabel: "Étape \(step) sur \(shown.count + 1)", stepNumber: step, stepCount: shown.count + 1,
            action: "\(opened.base)/page/\(page)", errors: errors, hasErrors: !errors.isEmpty,
            hasPrevious: shown.first.map { $0 < page } ?? false,
            answersJSON: try JSONOutput.text(OrderedJSONObject(others.map { ($0.key, $0.value) })),
            contactName: opened.invitation.contactName, notice: notice, alert: alert, today: WebClock.today().description,
            privacy: step == 1 ? flow.survey.privacy : nil,
            warnings: builder.warningLinks(section: section, warnings: warnings),
            confirmations: warnings.map { FormFlow.confirmation(of: $0, evaluation) })
        var out = HTMLWriter(capacity: 40_960)
        view.write(to: &out, frame: try renderer.frame(layout)) { builder.write(section: section, to: &$0) }
        return renderer.page(out, status: status)
    }

    private func renderReview(
        _ opened: Opened, evaluation: FormEvaluation, showIssues: Bool, alert: String? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let flow = opened.flow
        let summary = AnswerSummary(flow: flow)
        var errors: [ErrorLink] = []
        if showIssues {
            for issue in evaluation.issues {
                let page = flow.page(of: issue.field) ?? 0
                errors.append(
                    ErrorLink(
                        href: "\(opened.base)/page/\(page)#q-\(flow.field(named: issue.field)?.question.name ?? issue.field)",
                        label: flow.field(named: issue.field)?.label ?? issue.field, message: issue.message))
            }
        }
        let sections = flow.shownPages(evaluation).map { page in
            ReviewSectionView(
                title: flow.survey.sections[flow.pages[page].sectionIndex].title, editURL: "\(opened.base)/page/\(page)",
                answers: summary.answers(page: page, values: evaluation.values, applicable: evaluation.applicable))
        }
        let view = ReviewPageView(
            layout: LayoutView(pageTitle: "Relecture avant envoi"), surveyTitle: flow.survey.title, sections: sections,
            errors: errors, hasErrors: !errors.isEmpty, alert: alert, action: "\(opened.base)/envoi",
            backURL: flow.shownPages(evaluation).last.map { "\(opened.base)/page/\($0)" } ?? opened.base)
        return try renderer.page(view, template: "relecture", status: status)
    }

    /// A receipt shown in groups of four characters, easier to read out on the phone.
    static func grouped(_ code: String) -> String {
        var groups: [String] = []
        var current = ""
        for character in code {
            current.append(character)
            if current.count == 4 {
                groups.append(current)
                current = ""
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups.joined(separator: " ")
    }
}

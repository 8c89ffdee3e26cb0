import FabriqueCore
import FabriqueReports
import FabriqueStore
import Foundation
import Hummingbird

/// The researchers' pages: the experience search, the coding screen (the fiche beside the
/// criteria, each criterion saved on its own) and the disagreements to settle. Coding is blind:
/// a coder sees only their own codings, and a fiche assigned to others cannot be coded.
struct ResearchController {
    let database: any FabriqueStore
    let renderer: PageRenderer
    static let roles: Set<UserRole> = [.researcher, .admin]

    func addRoutes(to router: Router<WebContext>) {
        router.get("/recherche/experiences", use: search)
        router.get("/recherche/experiences/:slug/codage", use: screen)
        router.post("/recherche/experiences/:slug/codage/:criterion", use: save)
        router.get("/recherche/desaccords", use: disagreements)
    }

    /// The search is open to staff too (reports and dossiers need it); coding is not.
    @Sendable func search(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require([.researcher, .staff, .admin], request, context)
        // Parsed as a form (GET forms send spaces as '+'), not with the URI's own query decoding.
        let query = FormBody(text: request.uri.query ?? "")
        func value(_ name: String) -> String { query[name] ?? "" }
        let text = value("q")
        let region = value("region")
        let theme = value("theme")
        let approach = value("demarche")
        guard ![text, region, theme, approach].contains(where: TextInput.hasForbiddenCharacters) else {
            throw WebError.badRequest("La recherche contient un caractère non autorisé (caractère de contrôle). Retirez-le et recommencez.")
        }
        let referential = try database.referential()
        let regionNames = Dictionary(uniqueKeysWithValues: referential.regions.map { ($0.code, $0.name) })
        let themeLabels = Dictionary(uniqueKeysWithValues: referential.themes.map { ($0.slug, $0.label) })
        if !region.isEmpty { try StaffAccess.requireRegion(region, session) }
        let hits = try database.searchExperiences(
            text, region: region.isEmpty ? nil : region, theme: theme.isEmpty ? nil : theme,
            approach: approach.isEmpty ? nil : approach, year: nil
        )
        .filter { session.user.scope.allows(region: $0.region) }
        let view = SearchView(
            layout: LayoutView(pageTitle: "Expériences capitalisées", nav: StaffAccess.nav(session)), query: text,
            regions: referential.regions.filter { session.user.scope.allows(region: $0.code) }.map {
                FilterOptionView(value: $0.code, label: $0.name, selected: $0.code == region)
            },
            themes: referential.themes.map { FilterOptionView(value: $0.slug, label: $0.label, selected: $0.slug == theme) },
            approaches: ["CLS", "CLSM", "ASV"].map { FilterOptionView(value: $0, label: $0, selected: $0 == approach) },
            hits: hits.map { hit in
                HitView(
                    title: hit.title, codingURL: session.user.role == .staff ? nil : "/recherche/experiences/\(hit.slug)/codage",
                    region: regionNames[hit.region] ?? hit.region,
                    year: hit.year, themes: hit.themes.map { themeLabels[$0] ?? $0 }.joined(separator: ", "),
                    approaches: hit.approaches.joined(separator: ", "), snippet: hit.snippet)
            },
            countLabel: hits.count == 1 ? "1 fiche" : "\(hits.count) fiches")
        return try renderer.page(view, template: "recherche")
    }

    @Sendable func screen(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(Self.roles, request, context)
        let (experience, codebook) = try load(context, session)
        return try render(session, experience, codebook, typed: nil)
    }

    @Sendable func save(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(Self.roles, request, context)
        let form = try await FormBody.read(request, context: context)
        try StaffAccess.checkCSRF(form, session)
        let (experience, codebook) = try load(context, session)
        guard let code = context.parameters.get("criterion"), codebook.criteria.contains(where: { $0.code == code }) else { throw WebError.notFound }
        let typed = Typed(criterion: code, level: form["level"] ?? "", excerpts: form["excerpts"] ?? "", memo: form["memo"] ?? "")
        guard let level = Int(typed.level), codebook.levels.contains(where: { $0.value == level }) else {
            return try render(session, experience, codebook, typed: typed, error: "Choisissez un niveau pour ce critère.")
        }
        var excerpts: [Excerpt] = []
        for line in typed.excerpts.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
            guard let excerpt = Excerpt.locate(line, in: experience.body) else {
                return try render(
                    session, experience, codebook, typed: typed,
                    error: "« \(line) » ne figure pas mot pour mot dans la fiche : copiez l'extrait depuis le texte.")
            }
            excerpts.append(excerpt)
        }
        _ = try database.saveCodings(
            [
                Coding(
                    experience: experience.slug, criterion: code, coder: session.user.name, codebookId: codebook.id,
                    codebookVersion: codebook.version, level: level, memo: typed.memo, excerpts: excerpts)
            ],
            actor: session.user.name, at: WebClock.now())
        return .redirect(to: "/recherche/experiences/\(experience.slug)/codage#critere-\(code)")
    }

    @Sendable func disagreements(_ request: Request, context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(Self.roles, request, context)
        guard let codebook = try database.latestCodebook() else { throw WebError.notFound }
        let blind = BlindCoding(criteria: codebook.criteria.map(\.code), assignments: try database.assignments())
        let visible = try database.experiences().filter { session.user.scope.allows(region: $0.region) }
        let titles = Dictionary(uniqueKeysWithValues: visible.map { ($0.slug, $0.title) })
        let labels = Dictionary(uniqueKeysWithValues: codebook.criteria.map { ($0.code, $0.label) })
        let items = CodingAgreement.disagreements(blind.visible(try database.codings(), to: nil)).filter { titles[$0.experience] != nil }.map {
            item in
            DisagreementView(
                title: titles[item.experience] ?? item.experience, criterion: labels[item.criterion] ?? item.criterion,
                url: "/recherche/experiences/\(item.experience)/codage#critere-\(item.criterion)",
                codings: item.codings.map {
                    CoderLevelView(coder: $0.coder, level: levelLabel($0.level, codebook), excerpts: $0.excerpts.map(\.quote), memo: $0.memo)
                })
        }
        return try renderer.page(
            DisagreementsView(
                layout: LayoutView(pageTitle: "Désaccords à arbitrer", nav: StaffAccess.nav(session)),
                items: items, hasItems: !items.isEmpty), template: "desaccords")
    }

    // MARK: - Helpers

    /// What a researcher typed in one criterion's form, shown back with the error.
    struct Typed {
        var criterion: String
        var level: String
        var excerpts: String
        var memo: String
    }

    private func load(_ context: WebContext, _ session: WebSession) throws -> (Experience, Codebook) {
        guard let slug = context.parameters.get("slug"), let experience = try database.experiences().first(where: { $0.slug == slug }),
            let codebook = try database.latestCodebook()
        else { throw WebError.notFound }
        try StaffAccess.requireRegion(experience.region, session)
        let assigned = try database.assignments()[slug] ?? []
        if !assigned.isEmpty && !assigned.contains(session.user.name) { throw WebError.forbidden }
        return (experience, codebook)
    }

    private func render(_ session: WebSession, _ experience: Experience, _ codebook: Codebook, typed: Typed?, error: String? = nil) throws -> Response
    {
        let mine = try database.codings().filter { $0.experience == experience.slug && $0.coder == session.user.name && !$0.consensus }
        let flagged = try database.codingsUnderChangedDefinitions()
        let criteria = codebook.criteria.enumerated().map { rank, criterion -> CriterionFormView in
            let stored = mine.first { $0.criterion == criterion.code }
            let current = typed?.criterion == criterion.code ? typed : nil
            let level = current?.level ?? stored.map { String($0.level) } ?? ""
            return CriterionFormView(
                code: criterion.code, colour: "extrait-\(rank % 6)", id: "critere-\(criterion.code)", label: criterion.label,
                definition: criterion.definition,
                action: "/recherche/experiences/\(experience.slug)/codage/\(criterion.code)",
                levels: codebook.levels.map { item in
                    OptionView(
                        id: "niveau-\(criterion.code)-\(item.value)", value: String(item.value),
                        label: "\(item.value) – \(item.label)" + (criterion.anchors[item.value].map { " : \($0)" } ?? ""),
                        checked: level == String(item.value), attrs: "")
                },
                excerpts: current?.excerpts ?? stored.map { $0.excerpts.map(\.quote).joined(separator: "\n") } ?? "",
                memo: current?.memo ?? stored?.memo ?? "", error: current == nil ? nil : error,
                status: stored.map { "Codé : niveau \(levelLabel($0.level, codebook))" } ?? "Non codé",
                flagged: flagged.contains("\(experience.slug)|\(criterion.code)|\(session.user.name)|0"))
        }
        let assigned = try database.assignments()[experience.slug] ?? []
        let view = CodingScreenView(
            layout: LayoutView(pageTitle: "Coder : \(experience.title)", nav: StaffAccess.nav(session), scripts: ["/static/codage.js"]),
            title: experience.title, meta: "\(experience.year) · \(experience.approaches.joined(separator: ", ")) · \(experience.leadStructure)",
            summary: experience.summary, ficheHTML: Self.ficheHTML(experience.body, codebook, mine), criteria: criteria, csrf: session.csrfToken,
            coder: session.user.name,
            blindNote: assigned.count > 1
                ? "Codage en aveugle : "
                    + "vous ne voyez pas les codages des autres codeurs (\(assigned.count) codeurs affectés) avant que chacun ait terminé."
                : nil)
        return try renderer.page(view, template: "codage", status: error == nil ? .ok : .unprocessableContent)
    }

    private func levelLabel(_ level: Int, _ codebook: Codebook) -> String {
        codebook.levels.first { $0.value == level }.map { "\(level) (\($0.label))" } ?? String(level)
    }

    /// The fiche's Markdown as HTML, with the researcher's saved excerpts highlighted.
    static func ficheHTML(_ body: String, _ codebook: Codebook, _ codings: [Coding]) -> String {
        let highlights = codebook.criteria.enumerated().flatMap { rank, criterion in
            codings.filter { $0.criterion == criterion.code }.flatMap(\.excerpts).map {
                FicheHTML.Highlight(quote: $0.quote, rank: rank, label: criterion.label)
            }
        }
        return FicheHTML.render(markdown: body, highlights: highlights)
    }
}

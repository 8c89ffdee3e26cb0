import FabriqueCore

/// Coded experiences as reports show them: the criteria profile (consensus first, then agreed
/// codings, single codings flagged) and one or two quotes for each criterion met at the top level.
struct ExperienceViewBuilder {
    let sources: ReportSources

    var topLevel: Int { sources.codebook?.levels.map(\.value).max() ?? 2 }

    func view(_ experience: Experience) -> ExperienceView {
        let criteria = sources.codebook?.criteria ?? []
        let profile = sources.views.profile(experience.slug)
        var rows: [[String]] = []
        var quotes: [QuoteView] = []
        var met: [String] = []
        for (criterion, resolved) in profile {
            let label = criteria.first { $0.code == criterion }?.label ?? criterion
            rows.append([label, levelText(resolved.level), sourceText(resolved.source)])
            guard resolved.level == topLevel else { continue }
            met.append(label)
            // Distinct quotes, in the order of the text.
            var seen: Set<String> = []
            let excerpts = resolved.excerpts.sorted { ($0.start, $0.end) < ($1.start, $1.end) }.filter { seen.insert($0.quote).inserted }
            guard !excerpts.isEmpty else { continue }
            let flag = resolved.source == .single ? "\n\n*⚑ Codage simple, à confirmer.*" : ""
            let blocks = excerpts.prefix(2).map { "> « \(MarkdownEscaper.escape($0.quote)) »" }.joined(separator: "\n>\n")
            quotes.append(QuoteView(criterion: label, quoteMarkdown: blocks + flag, flagged: resolved.source == .single))
        }
        let coded = profile.contains { $0.level.source != .uncoded }
        let table =
            !coded
            ? "*Fiche pas encore codée.*"
            : rows.isEmpty
                ? "*Fiche non codée.*"
                : MarkdownTable(header: ["Critère", "Niveau", "Codage"], rows: rows, alignments: [.left, .left, .left]).markdown(
                    escape: MarkdownEscaper.escape)
        let region = sources.referential.region(code: experience.region)?.name ?? experience.region
        let departement = sources.referential.departement(code: experience.departement).map { "\($0.name) (\($0.code))" } ?? experience.departement
        return ExperienceView(
            slug: experience.slug, title: experience.title, year: experience.year, regionName: region, departement: departement,
            approaches: experience.approaches.map { $0.uppercased() }.joined(separator: ", "),
            themes: experience.themes.map { slug in sources.referential.theme(slug: slug)?.label ?? slug }.joined(separator: ", "),
            summary: experience.summary, leadStructure: experience.leadStructure, partners: experience.partners.joined(separator: " ; "),
            hasPartners: !experience.partners.isEmpty, profileMarkdown: table,
            criteriaMet: !coded ? "fiche pas encore codée" : met.isEmpty ? "aucun critère affirmé" : met.joined(separator: " ; "),
            quotes: quotes, hasQuotes: !quotes.isEmpty, hasSingleCodings: profile.contains { $0.level.source == .single })
    }

    func levelText(_ level: Int?) -> String {
        guard let level else { return "—" }
        let label = sources.codebook?.levels.first { $0.value == level }?.label
        return label.map { "\(level) (\($0))" } ?? String(level)
    }

    func sourceText(_ source: ResolvedLevel.Source) -> String {
        switch source {
        case .consensus: "consensus"
        case .agreed: "accord des codeurs"
        case .single: "⚑ codage simple, à confirmer"
        case .unresolved: "désaccord entre codeurs, non tranché"
        case .uncoded: "pas encore codé"
        }
    }
}

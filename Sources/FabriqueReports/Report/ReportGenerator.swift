import FabriqueCore
import FabriqueStore
import Foundation

/// A file of a report run, relative to the output folder.
public struct ReportFile: Sendable, Equatable {
    public var path: String
    public var text: String
}

/// Makes the regional reports, France's, the index and the dossiers ressources from the
/// templates. The same database and spec give the same bytes: nothing depends on the clock (but
/// `--stamp`), on dictionary order or on the machine.
public struct ReportGenerator: Sendable {
    public let sources: ReportSources

    public init(sources: ReportSources) {
        self.sources = sources
    }

    var builder: TableBuilder { TableBuilder(survey: sources.survey, database: sources.database, today: sources.today) }

    /// `france.md`, `index.md` and one `<slug>.md` per region (or only `region`'s), with their charts
    /// in a folder named after each report.
    public func regions(only region: String? = nil) throws -> [ReportFile] {
        let regions = try sources.surveyRegions()
        if let region, !regions.contains(where: { $0.code == region }) {
            throw ReportError.input("no region '\(region)' in survey '\(sources.survey.id)'; use an INSEE code among \(regions.map(\.code).joined(separator: ", "))")
        }
        let runner = AnalysisRunner(spec: sources.spec, builder: builder)
        let france = try runner.run()
        let franceFigures = try KeyFigures.values(sources.spec, builder: builder, region: nil)
        let counts = try responseCounts()
        let lines = regions.map { r in
            RegionLineView(name: r.name, slug: r.slug, responses: published(counts[r.code] ?? 0), experiences: sources.experiences.filter { $0.region == r.code }.count)
        }
        // Regions are independent reads: they run on every core, and their files are gathered in
        // region order, so the output does not depend on which finished first.
        let chosen = regions.filter { region == nil || $0.code == region }
        let results = ConcurrentResults<[ReportFile]>(count: chosen.count)
        DispatchQueue.concurrentPerform(iterations: chosen.count) { index in
            let r = chosen[index]
            results.set(index, Result {
                let run = try runner.run(region: r.code)
                let figures = try KeyFigures.values(sources.spec, builder: builder, region: r.code)
                let (tables, charts) = ScopeTables.make(region: (r.name, r.slug, run), france: france, folder: r.slug)
                let view = scopeView(name: r.name, slug: r.slug, code: r.code, responses: counts[r.code] ?? 0, tables: tables,
                                     figures: zip(figures, franceFigures).map { ($0, $1) }, regions: [])
                return [ReportFile(path: "\(r.slug).md", text: try sources.templates.render(view, template: "region"))]
                    + charts.map { ReportFile(path: $0.path, text: $0.svg) }
            })
        }
        var files = try results.values().flatMap { $0 }
        guard region == nil else { return files }
        let (tables, charts) = ScopeTables.make(region: nil, france: france, folder: "france")
        let view = scopeView(name: "France", slug: "france", code: nil, responses: sources.responseCount, tables: tables,
                             figures: franceFigures.map { ($0, $0) }, regions: lines)
        files.append(ReportFile(path: "france.md", text: try sources.templates.render(view, template: "france")))
        files += charts.map { ReportFile(path: $0.path, text: $0.svg) }
        let index = IndexView(title: sources.spec.title, period: sources.spec.period ?? "", hasPeriod: sources.spec.period != nil,
                              france: RegionLineView(name: "France", slug: "france", responses: published(sources.responseCount), experiences: sources.experiences.count),
                              regions: lines, footer: sources.footer)
        files.append(ReportFile(path: "index.md", text: try sources.templates.render(index, template: "index")))
        return files
    }

    /// The number of responses of each region code.
    func responseCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for group in try sources.database.responseGroupCounts(surveyId: sources.survey.id, names: ["region"]) {
            if let code = group.values[0] { counts[code, default: 0] += group.count }
        }
        return counts
    }

    /// A count as published: small ones as "< 5".
    func published(_ n: Int) -> String { PublishedTable.total(n, sources.spec.threshold) }

    func scopeView(name: String, slug: String, code: String?, responses: Int, tables: [TableView],
                   figures: [(String, String)], regions: [RegionLineView]) -> ScopeReportView {
        let threshold = sources.spec.threshold
        let invitations = code.map { sources.invitations[$0] ?? InvitationCounts(key: $0) } ?? sources.invitationTotal
        let invited = invitations.invited, answered = invitations.submitted
        let rate = answered > 0 && answered < threshold ? "s" : invited > 0 ? PublishedTable.percent(Double(answered) / Double(invited) * 100) + " %" : "—"
        let experiences = sources.experiences.filter { code == nil || $0.region == code }
        let builder = ExperienceViewBuilder(sources: sources)
        let regionsTable = (["| Région | Réponses | Expériences capitalisées |", "|:---|---:|---:|"]
            + regions.map { "| [\(MarkdownEscaper.escape($0.name))](\($0.slug).md) | \($0.responses) | \($0.experiences) |" }).joined(separator: "\n")
        return ScopeReportView(
            title: sources.spec.title, scopeName: name, scopeSlug: slug, isFrance: code == nil,
            period: sources.spec.period ?? "", hasPeriod: sources.spec.period != nil, responses: published(responses),
            hasInvitations: invited > 0, invited: String(invited), answeredInvitations: published(answered), responseRate: rate,
            keyFigures: zip(sources.spec.keyFigures, figures).map { figure, values in
                KeyFigureView(label: figure.label, value: values.0, france: values.1, showFrance: code != nil)
            },
            hasKeyFigures: !sources.spec.keyFigures.isEmpty, tables: tables,
            experiences: experiences.map(builder.view), hasExperiences: !experiences.isEmpty, experienceCount: experiences.count,
            regions: regions, regionsMarkdown: regionsTable,
            methods: MethodsView(responses: published(responses), threshold: threshold, thresholdMinusOne: threshold - 1, specTitle: sources.spec.title),
            footer: sources.footer)
    }
}


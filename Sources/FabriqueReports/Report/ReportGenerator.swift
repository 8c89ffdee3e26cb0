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
    /// The run's tables and its choice of hidden cells, before any report is written.
    struct Prepared {
        var regions: [Region]
        var regional: [String: (run: ScopeTables.Run, figures: [StatTable])]
        var franceRun: ScopeTables.Run
        var franceTables: [StatTable]
        var disclosure: RegionalDisclosure
    }

    func prepare(only region: String? = nil) throws -> Prepared {
        let regions = try sources.surveyRegions()
        if let region, !regions.contains(where: { $0.code == region }) {
            throw ReportError.input(
                "no region '\(region)' in survey '\(sources.survey.id)'; use an INSEE code among \(regions.map(\.code).joined(separator: ", "))")
        }
        let runner = AnalysisRunner(spec: sources.spec, builder: builder)
        let counts = try responseCounts()
        // One choice of hidden cells for the whole run, applied by every report (see RegionalDisclosure).
        // Every region's own tables first (withheld ones too: their counts enter France's totals),
        // on every core; the run's publication is made from them and France's.
        let spec = sources.spec
        let builder = builder
        let own = ConcurrentResults<(run: ScopeTables.Run, figures: [StatTable])>(count: regions.count)
        DispatchQueue.concurrentPerform(iterations: regions.count) { index in
            own.set(
                index,
                Result { (try runner.run(region: regions[index].code), try KeyFigures.tables(spec, builder: builder, region: regions[index].code)) })
        }
        let regional = Dictionary(uniqueKeysWithValues: zip(regions.map(\.code), try own.values()))
        let franceRun = try runner.run()
        let franceTables = try KeyFigures.tables(spec, builder: builder, region: nil)
        var disclosure = RegionalDisclosure(regions: regions.map(\.code), counts: counts, total: sources.responseCount, rules: spec.rules(for: nil))
        disclosure.prepare(
            spec, runs: regional.mapValues(\.run), figures: regional.mapValues(\.figures), france: franceRun, franceFigures: franceTables)
        return Prepared(regions: regions, regional: regional, franceRun: franceRun, franceTables: franceTables, disclosure: disclosure)
    }

    /// The audit of everything a run of `regions` would publish (`region`: what its report shows).
    public func audit(region: String? = nil) throws -> DisclosureAudit {
        let prepared = try prepare(only: region)
        return audit(prepared, region: region)
    }

    func audit(_ prepared: Prepared, region: String?) -> DisclosureAudit {
        var titles = Dictionary(sources.spec.tables.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        titles["reponses"] = "Réponses par région"
        for table in sources.spec.tables {
            for variable in table.variables { titles["\(table.id)/\(variable)"] = "\(table.title) : \(variable)" }
        }
        for figure in sources.spec.keyFigures { titles["chiffres-cles/\(figure.variable)"] = "Chiffres clés : \(figure.label)" }
        return DisclosureAudit(prepared.disclosure.run.publication, prepared.disclosure.audit, titles: titles, region: region)
    }

    /// `france.md`, `index.md` and one `<slug>.md` per region (or only `region`'s), with their charts
    /// in a folder named after each report. Refused when the audit finds a cell a reader could narrow
    /// beyond its rule.
    public func regions(only region: String? = nil) throws -> [ReportFile] {
        let prepared = try prepare(only: region)
        let audit = audit(prepared, region: nil)
        guard audit.unsafe.isEmpty else {
            throw ReportError.unsafe(
                "the reports would let a reader narrow \(audit.unsafe.count) hidden cell\(audit.unsafe.count == 1 ? "" : "s") beyond their rule; "
                    + "nothing was written. Raise the threshold or publish fewer tables; 'fabrique report audit' lists them all:\n"
                    + audit.unsafeDescription.split(separator: "\n").prefix(10).joined(separator: "\n"))
        }
        let (regions, regional, disclosure) = (prepared.regions, prepared.regional, prepared.disclosure)
        let spec = sources.spec
        let france = masked(prepared.franceRun, region: nil, disclosure)
        let franceFigures = KeyFigures.values(spec, tables: prepared.franceTables, region: nil, disclosure: disclosure)
        let lines = regions.map { r in
            RegionLineView(
                name: r.name, slug: r.slug, responses: disclosure.published(r.code),
                experiences: sources.experiences.filter { $0.region == r.code }.count)
        }
        // Regions are independent reads: they run on every core, and their files are gathered in
        // region order, so the output does not depend on which finished first.
        let chosen = regions.filter { region == nil || $0.code == region }
        let results = ConcurrentResults<[ReportFile]>(count: chosen.count)
        DispatchQueue.concurrentPerform(iterations: chosen.count) { index in
            let r = chosen[index]
            results.set(
                index,
                Result {
                    let withheld = disclosure.withheld.contains(r.code)
                    let run = withheld ? nil : masked(regional[r.code]!.run, region: r.code, disclosure)
                    let figures = KeyFigures.values(spec, tables: regional[r.code]!.figures, region: r.code, disclosure: disclosure)
                    let (tables, charts) = ScopeTables.make(region: run.map { (r.name, r.slug, $0) }, france: france, folder: r.slug)
                    let view = scopeView(
                        name: r.name, slug: r.slug, code: r.code, responses: disclosure.published(r.code), withheld: withheld,
                        tables: tables, figures: zip(figures, franceFigures).map { ($0, $1) }, regions: [])
                    return [ReportFile(path: "\(r.slug).md", text: try sources.templates.render(view, template: "region"))]
                        + charts.map { ReportFile(path: $0.path, text: $0.svg) }
                })
        }
        var files = try results.values().flatMap { $0 }
        guard region == nil else { return files }
        let (tables, charts) = ScopeTables.make(region: nil, france: france, folder: "france")
        let view = scopeView(
            name: "France", slug: "france", code: nil, responses: published(sources.responseCount), withheld: false, tables: tables,
            figures: franceFigures.map { ($0, $0) }, regions: lines)
        files.append(ReportFile(path: "france.md", text: try sources.templates.render(view, template: "france")))
        files += charts.map { ReportFile(path: $0.path, text: $0.svg) }
        let index = IndexView(
            title: sources.spec.title, period: sources.spec.period ?? "", hasPeriod: sources.spec.period != nil,
            france: RegionLineView(
                name: "France", slug: "france", responses: published(sources.responseCount), experiences: sources.experiences.count),
            regions: lines, footer: sources.footer)
        files.append(ReportFile(path: "index.md", text: try sources.templates.render(index, template: "index")))
        return files
    }

    /// A run's tables as the run publishes them for `region` (nil: France): the run's pattern
    /// applied, the tables that cross the regions in their national form, and the totals each hides.
    func masked(_ run: ScopeTables.Run, region: String?, _ disclosure: RegionalDisclosure) -> ScopeTables.Masked {
        run.map { table, results in
            let threshold = table.threshold ?? sources.spec.threshold
            let published = results.enumerated().map { index, result in
                if ScopeTables.isNational(table) { return disclosure.national(result, id: table.id, filter: table.filter, threshold: threshold) }
                let variable = table.kind == .likert || index >= table.variables.count ? "" : table.variables[index]
                return disclosure.apply(result, region: region, variable: variable, filter: table.filter, threshold: threshold)
            }
            return (table, published.map(\.0), published.map(\.1))
        }
    }

    /// The number of responses of each region code.
    func responseCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for group in try sources.database.responseGroupCounts(surveyId: sources.survey.id, names: ["region"], where: []) {
            if let code = group.values[0] { counts[code, default: 0] += group.count }
        }
        return counts
    }

    /// A count as the reports publish it: small ones as "s".
    func published(_ n: Int) -> String { PublishedTable.total(n, sources.spec.threshold, .uniform) }

    func scopeView(
        name: String, slug: String, code: String?, responses: String, withheld: Bool, tables: [TableView],
        figures: [(String, String)], regions: [RegionLineView]
    ) -> ScopeReportView {
        let threshold = sources.spec.threshold
        let invitations = code.map { sources.invitations[$0] ?? InvitationCounts(key: $0) } ?? sources.invitationTotal
        let invited = invitations.invited
        let answered = invitations.submitted
        // A withheld region's invitation figures would bound its hidden response count.
        let rate =
            withheld || (answered > 0 && answered < threshold)
            ? "s" : invited > 0 ? PublishedTable.percent(Double(answered) / Double(invited) * 100) + " %" : "—"
        let experiences = sources.experiences.filter { code == nil || $0.region == code }
        let builder = ExperienceViewBuilder(sources: sources)
        let regionsTable = MarkdownTable(
            header: ["Région", "Réponses", "Expériences capitalisées"],
            rows: regions.map { ["[\(MarkdownEscaper.escape($0.name))](\($0.slug).md)", "\($0.responses)", "\($0.experiences)"] },
            alignments: [.left, .right, .right]
        ).markdown { $0 }
        return ScopeReportView(
            title: sources.spec.title, scopeName: name, scopeSlug: slug, isFrance: code == nil,
            period: sources.spec.period ?? "", hasPeriod: sources.spec.period != nil, responses: responses, withheld: withheld,
            hasInvitations: invited > 0, invited: String(invited), answeredInvitations: withheld ? "s" : published(answered), responseRate: rate,
            keyFigures: zip(sources.spec.keyFigures, figures).map { figure, values in
                KeyFigureView(label: figure.label, value: values.0, france: values.1, showFrance: code != nil)
            },
            hasKeyFigures: !sources.spec.keyFigures.isEmpty, tables: tables,
            experiences: experiences.map(builder.view), hasExperiences: !experiences.isEmpty, experienceCount: experiences.count,
            regions: regions, regionsMarkdown: regionsTable,
            methods: MethodsView(
                responses: responses, threshold: threshold, thresholdMinusOne: threshold - 1, specTitle: sources.spec.title,
                agreement: sources.codingAgreement.map(CodingAgreement.methodsSentence)),
            footer: sources.footer)
    }
}

import FabriqueCore
import FabriqueStats
import FabriqueStore
import Foundation

/// Everything a run of reports reads, gathered once: the spec and its survey, the templates, the
/// referential, the coded experiences, the invitation counts and the data fingerprint.
public struct ReportSources: Sendable {
    public let database: any FabriqueStore
    public let spec: AnalysisSpec
    public let specFile: String
    public let specSHA256: String
    public let survey: Survey
    public let templates: ReportTemplates
    public let referential: Referential
    public let codebook: Codebook?
    public let views: CodingViews
    /// The coders' agreement over every finished fiche × criterion, for the methods section; nil
    /// without a unit coded twice.
    public let codingAgreement: AgreementReport?
    public let experiences: [Experience]
    public let invitations: [String: InvitationCounts]
    /// Every invitation, contacts without a region included.
    public let invitationTotal: InvitationCounts
    public let responseCount: Int
    public let dataSHA256: String
    /// `--stamp`: the time printed in the footers; nil keeps the output byte-identical between runs.
    public let stamp: String?
    public let today: CalendarDate

    /// Reads the spec file, checks it against its survey, loads the templates and the codings.
    public init(database: any FabriqueStore, specFile: String, templatesDirectory: String, stamp: String? = nil, today: CalendarDate) throws {
        guard let data = FileManager.default.contents(atPath: specFile), let text = String(data: data, encoding: .utf8) else {
            throw ReportError.input("cannot read the analysis spec \(specFile)")
        }
        self.database = database
        self.specFile = specFile
        specSHA256 = SHA256.hex(Array(data))
        survey = try database.currentSurvey(id: try AnalysisSpec.surveyId(in: text, file: specFile))
        spec = try AnalysisSpec.parse(text, file: specFile, survey: survey)
        templates = try ReportTemplates(directory: templatesDirectory)
        referential = try database.referential()
        codebook = try database.latestCodebook()
        let criteria = codebook?.criteria.map(\.code) ?? []
        let blind = BlindCoding(criteria: criteria, assignments: try database.assignments())
        let visible = blind.visible(try database.codings(), to: nil)
        views = CodingViews(codings: visible, criteria: criteria)
        codingAgreement = CodingAgreement.reports(visible, criteria: []).first.map(\.report).flatMap { $0.units > 0 ? $0 : nil }
        experiences = try database.experiences()
        let byRegion = try database.invitationCountsByRegion(surveyId: survey.id, regions: nil)
        invitations = Dictionary(byRegion.compactMap { counts in counts.key.map { ($0, counts) } }, uniquingKeysWith: { a, _ in a })
        invitationTotal = byRegion.reduce(into: InvitationCounts(key: nil)) { total, counts in
            total.invited += counts.invited
            total.submitted += counts.submitted
        }
        (responseCount, dataSHA256) = try database.responseFingerprint(surveyId: survey.id)
        self.stamp = stamp
        self.today = today
    }

    /// Makes files from sources whose data did not change meanwhile: the tables are read in several
    /// reads, so responses arriving during a run (the web app keeps serving) would leave the
    /// footer's fingerprint describing other data than the tables. A run that saw a change is
    /// made again, up to three times.
    public static func consistent(_ open: () throws -> ReportSources, make: (ReportSources) throws -> [ReportFile]) throws -> (
        ReportSources, [ReportFile]
    ) {
        for _ in 0..<3 {
            let sources = try open()
            let files = try make(sources)
            if try sources.database.responseFingerprint(surveyId: sources.survey.id).sha256 == sources.dataSHA256 { return (sources, files) }
        }
        throw ReportError.input("the responses kept changing while the reports were made; try again when fewer are arriving")
    }

    /// The regions the survey asks about (its `region` question), in list order, with the
    /// referential's names and slugs.
    func surveyRegions() throws -> [Region] {
        guard let field = survey.fields.first(where: { $0.name == "region" }) else {
            throw ReportError.input("survey '\(survey.id)' has no 'region' question, so it has no regional reports")
        }
        return survey.choices(for: field.question).map { choice in
            referential.region(code: choice.value)
                ?? Region(code: choice.value, name: choice.label, slug: ReportSources.slug(choice.label), overseas: false, population: 0)
        }
    }

    var footer: FooterView {
        FooterView(
            version: FabriqueVersion.current, survey: survey.id, surveyVersion: survey.version, codebook: codebook?.id ?? "",
            codebookVersion: codebook.map { String($0.version) } ?? "", hasCodebook: codebook != nil, responses: responseCount,
            dataSHA256: dataSHA256, specFile: (specFile as NSString).lastPathComponent, specSHA256: specSHA256,
            stamp: stamp ?? "", hasStamp: stamp != nil)
    }

    /// ASCII lowercase words joined by dashes ("Grand Est" → "grand-est").
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        return folded.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).joined(separator: "-")
    }
}

/// What the report templates receive. Every name here is documented in docs/reports.md; add
/// fields, never rename them, since staff templates use them. Texts are plain (the templates
/// escape them with `{{…}}`); fields ending in `Markdown` are ready Markdown (`{{{…}}}`).

/// A regional report, or France's (`isFrance`).
struct ScopeReportView {
    var title: String
    var scopeName: String
    var scopeSlug: String
    var isFrance: Bool
    var period: String
    var hasPeriod: Bool
    /// The number of responses of the scope, small counts shown "s".
    var responses: String
    /// The region has too few responses (or protects one that has): its report gives France's
    /// results only.
    var withheld: Bool
    var hasInvitations: Bool
    var invited: String
    var answeredInvitations: String
    var responseRate: String
    var keyFigures: [KeyFigureView]
    var hasKeyFigures: Bool
    var tables: [TableView]
    var experiences: [ExperienceView]
    var hasExperiences: Bool
    var experienceCount: Int
    /// France only: one line per region.
    var regions: [RegionLineView]
    var regionsMarkdown: String
    var methods: MethodsView
    var footer: FooterView
}

struct KeyFigureView {
    var label: String
    var value: String
    var france: String
    var showFrance: Bool
}

struct TableView {
    var id: String
    var title: String
    var notes: String
    var hasNotes: Bool
    /// The published table(s), region beside France where the kind allows it.
    var markdown: String
    /// The table is shown for France as a whole (it crosses the regions).
    var national: Bool
    var charts: [ChartView]
    var hasCharts: Bool
}

struct ChartView {
    /// Relative path of the SVG file, from the Markdown file.
    var file: String
    var alt: String
}

struct ExperienceView {
    var slug: String
    var title: String
    var year: Int
    var regionName: String
    var departement: String
    var approaches: String
    var themes: String
    var summary: String
    var leadStructure: String
    var partners: String
    var hasPartners: Bool
    /// The criteria profile as a Markdown table.
    var profileMarkdown: String
    var criteriaMet: String
    var quotes: [QuoteView]
    var hasQuotes: Bool
    var hasSingleCodings: Bool
}

struct QuoteView {
    var criterion: String
    /// A Markdown block quote.
    var quoteMarkdown: String
    var flagged: Bool
}

struct RegionLineView {
    var name: String
    var slug: String
    var responses: String
    var experiences: Int
}

struct MethodsView {
    var responses: String
    var threshold: Int
    var thresholdMinusOne: Int
    var specTitle: String
    /// The coders' agreement in one French sentence (`CodingAgreement.methodsSentence`), or nil.
    var agreement: String?
}

struct FooterView {
    var version: String
    var survey: String
    var surveyVersion: String
    var codebook: String
    var codebookVersion: String
    var hasCodebook: Bool
    var responses: Int
    var dataSHA256: String
    var specFile: String
    var specSHA256: String
    var stamp: String
    var hasStamp: Bool
}

/// The index of a run: links to every report.
struct IndexView {
    var title: String
    var period: String
    var hasPeriod: Bool
    var france: RegionLineView
    var regions: [RegionLineView]
    var footer: FooterView
}

/// A dossier ressources on one theme.
struct ThemeView {
    var slug: String
    var label: String
    var description: String
    /// The rendering of `contexte-<slug>.mustache` when staff wrote one (Markdown).
    var context: String
    var hasContext: Bool
    var experiences: [ExperienceView]
    var experienceCount: Int
    var hasExperiences: Bool
    var regionsMarkdown: String
    var leadStructures: [String]
    var partners: [String]
    var hasPartners: Bool
    var references: [ReferenceView]
    var hasReferences: Bool
    var footer: FooterView
}

struct ReferenceView {
    /// The reference formatted as Markdown ("Auteurs (année). *Titre*. Éditeur.").
    var markdown: String
    var note: String
    var hasNote: Bool
}

import FabriqueCore

/// Everything `fabrique init` loads: the referential, the codebook, the surveys and the sample experiences.
public struct SeedBundle: Sendable {
    /// A survey with the exact text of its file, kept so that each version can be re-read later.
    public struct SurveySource: Sendable {
        public var survey: Survey
        public var source: String

        /// Pairs a survey with its source text.
        public init(survey: Survey, source: String) {
            self.survey = survey
            self.source = source
        }
    }

    public var referential: Referential
    public var codebook: Codebook?
    public var codebookSource: String
    public var surveys: [SurveySource]
    public var experiences: [Experience]

    /// Creates a bundle.
    public init(referential: Referential, codebook: Codebook?, codebookSource: String = "", surveys: [SurveySource], experiences: [Experience]) {
        self.referential = referential
        self.codebook = codebook
        self.codebookSource = codebookSource
        self.surveys = surveys
        self.experiences = experiences
    }
}

/// How many records a load inserted, updated and left unchanged, by kind.
public struct SeedReport: Sendable, Equatable, Codable {
    /// Counts for one kind of record.
    public struct Counts: Sendable, Equatable, Codable {
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0

        /// Zero counts.
        public init() {}

        /// Whether anything was written.
        public var changed: Bool { inserted + updated > 0 }
    }

    public var regions = Counts()
    public var departements = Counts()
    public var themes = Counts()
    public var surveys = Counts()
    public var codebooks = Counts()
    public var criteria = Counts()
    public var experiences = Counts()

    /// Zero counts.
    public init() {}

    /// Each kind with its counts, in display order.
    public var rows: [(kind: String, counts: Counts)] {
        [
            ("regions", regions), ("départements", departements), ("themes", themes), ("surveys", surveys),
            ("codebooks", codebooks), ("criteria", criteria), ("experiences", experiences)
        ]
    }

    /// Whether the load wrote anything.
    public var changed: Bool { rows.contains { $0.counts.changed } }
}

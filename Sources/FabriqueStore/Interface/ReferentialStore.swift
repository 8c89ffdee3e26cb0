import FabriqueCore

/// The study's reference data: regions, départements and themes, the surveys' versions, the
/// codebook, and the capitalised experiences with their accent-insensitive search. Implemented by
/// `AppDatabase` (SQLite, FTS5) and `PostgresStore` (tsvector over `unaccent`).
public protocol ReferentialStore: Sendable {
    /// Loads seeds in one transaction, writing only what differs: running it twice changes nothing.
    func loadSeeds(_ bundle: SeedBundle) throws -> SeedReport
    /// Imports experiences in one transaction, keyed on their slug.
    func saveExperiences(_ experiences: [Experience]) throws -> SeedReport.Counts
    /// The regions, ordered by INSEE code.
    func regions() throws -> [Region]
    /// The regions, départements and themes as stored.
    func referential() throws -> Referential
    /// The identifiers of the loaded surveys, sorted.
    func surveyIds() throws -> [String]
    /// The source text of a survey's current version, or of a given version; `StoreError.unknownSurvey` when there is none.
    func surveySource(id: String, version: String?) throws -> (version: String, source: String)
    /// The current version of a survey, or nil when there is no such survey.
    func currentSurveyVersion(id: String) throws -> String?
    /// The number of rows of each seeded table, for summaries.
    func seedCounts() throws -> [(table: String, count: Int)]
    /// The experiences, ordered by slug, with their approaches and themes.
    func experiences() throws -> [Experience]
    /// Searches the fiches (accent- and case-insensitive; every word must appear), filtered by
    /// region, theme, approach and year, best match first. An empty query lists the fiches that pass the filters.
    func searchExperiences(_ query: String, region: String?, theme: String?, approach: String?, year: Int?) throws -> [ExperienceHit]
}

extension AppDatabase: ReferentialStore {}

extension ReferentialStore {
    /// The current version of a survey (or a given one), parsed from the source the database keeps.
    public func currentSurvey(id: String, version: String? = nil) throws -> Survey {
        let (version, source) = try surveySource(id: id, version: version)
        return try SurveyLoader.load(source, file: "\(id) version \(version) (database)")
    }
}

/// The words of a search, as both engines read them: split on spaces, double quotes and control
/// characters, so that no input is read as search syntax.
enum SearchWords {
    static func split(_ query: String) -> [String] {
        query.split(whereSeparator: {
            $0.isWhitespace || $0 == "\"" || $0.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }).map(String.init)
    }
}

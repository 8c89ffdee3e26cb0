import FabriqueCore
import FabriqueStore
import Synchronization

/// The surveys the app serves, parsed once per version and shared by every request: parsing the
/// YAML source at each page would cost more than the page.
final class SurveyCatalog: Sendable {
    /// A parsed survey with its form pages and its live-logic script.
    struct Entry: Sendable {
        let survey: Survey
        let flow: FormFlow
        let script: String
        var scriptURL: String { "/regles/\(survey.id)/\(survey.version).js" }
    }

    private let database: AppDatabase
    private let cache = Mutex<[String: Entry]>([:])

    init(database: AppDatabase) {
        self.database = database
    }

    /// A loaded survey named by a request (a path parameter), or the common 404.
    func served(_ id: String?, version: String? = nil) throws -> Entry {
        guard let id, SurveyParser.isName(id), try database.surveyIds().contains(id) else { throw WebError.notFound }
        return try entry(surveyId: id, version: version)
    }

    /// A survey in its current version (or the given one).
    func entry(surveyId: String, version: String? = nil) throws -> Entry {
        let key = surveyId + "\u{1F}" + (version ?? "")
        if let entry = cache.withLock({ $0[key] }) { return entry }
        let survey = try database.currentSurvey(id: surveyId, version: version)
        let entry = Entry(survey: survey, flow: FormFlow(survey: survey), script: RulesScript.make(survey))
        cache.withLock { $0[key] = entry }
        return entry
    }
}

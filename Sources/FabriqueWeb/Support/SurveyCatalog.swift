import Dispatch
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
        /// Every choice's value, label and `data-attrs` JSON, HTML-escaped once.
        let choices: EscapedChoices
        /// Every question written blank once.
        let blanks: BlankQuestions
        var scriptURL: String { "/regles/\(survey.id)/\(survey.version).js" }
    }

    private let database: any FabriqueStore
    /// Entries by survey and version.
    private let cache = Mutex<[String: Entry]>([:])
    /// Each survey's current version, and when it was read (seconds, monotonic).
    private let current = Mutex<[String: (version: String, readAt: Double)]>([:])
    /// How long a survey's current version is trusted before it is read again: a version
    /// loaded by `fabrique init` while the server runs is served after at most this delay.
    private let checkInterval: Double

    init(database: any FabriqueStore, checkInterval: Double) {
        self.database = database
        self.checkInterval = checkInterval
    }

    /// A loaded survey named by a request (a path parameter), or the common 404.
    func served(_ id: String?, version: String? = nil) throws -> Entry {
        guard let id, SurveyParser.isName(id), try database.surveyIds().contains(id) else { throw WebError.notFound }
        do {
            return try entry(surveyId: id, version: version)
        } catch StoreError.unknownSurvey {
            throw WebError.notFound  // a version that was never loaded
        }
    }

    /// A survey in its current version (or the given one).
    func entry(surveyId: String, version: String? = nil) throws -> Entry {
        let version = try version ?? currentVersion(surveyId)
        let key = surveyId + "\u{1F}" + version
        if let entry = cache.withLock({ $0[key] }) { return entry }
        let survey = try database.currentSurvey(id: surveyId, version: version)
        let flow = FormFlow(survey: survey)
        let choices = EscapedChoices(flow: flow)
        let entry = Entry(
            survey: survey, flow: flow, script: RulesScript.make(survey), choices: choices,
            blanks: BlankQuestions(flow: flow, choices: choices, today: WebClock.today()))
        cache.withLock { $0[key] = entry }
        return entry
    }

    /// The survey's current version, read from the database at most once per `checkInterval`.
    private func currentVersion(_ surveyId: String) throws -> String {
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        if let known = current.withLock({ $0[surveyId] }), now - known.readAt < checkInterval { return known.version }
        guard let version = try database.currentSurveyVersion(id: surveyId) else { throw StoreError.unknownSurvey(surveyId) }
        current.withLock { $0[surveyId] = (version, now) }
        return version
    }
}

/// The choices of a survey as a form page writes them, escaped once per survey version: a page
/// of the coordination questionnaire lists 101 départements, whose labels and filter attributes
/// were escaped again at every request.
struct EscapedChoices: Sendable {
    private let byKey: [String: (value: String, label: String, attrs: String)]

    init(flow: FormFlow) {
        var byKey: [String: (value: String, label: String, attrs: String)] = [:]
        for list in flow.survey.choiceLists {
            for choice in list.items {
                byKey[FormFlow.key(choice)] = (
                    HTMLText.escape(choice.value), HTMLText.escape(choice.label), HTMLText.escape(flow.attributesJSON(choice))
                )
            }
        }
        self.byKey = byKey
    }

    /// A choice's escaped value, label and attributes JSON (escaped now when the list lacks it).
    func escaped(_ choice: Choice, attrs: String) -> (value: String, label: String, attrs: String) {
        if let known = byKey[FormFlow.key(choice)] { return (known.value, known.label, attrs.isEmpty ? "" : known.attrs) }
        return (HTMLText.escape(choice.value), HTMLText.escape(choice.label), HTMLText.escape(attrs))
    }

}

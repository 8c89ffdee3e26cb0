import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import FabriqueWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A database with a small two-page survey, two contacts with known invitation tokens, an open
/// link and three accounts; and helpers to drive the router as a browser would.
struct WebHarness {
    static let surveyYAML = """
        id: essai
        version: "1"
        title: Enquête d'essai <script>alert('titre')</script>
        choices:
          - list_name: demarches
            items:
              - {value: cls, label: CLS}
              - {value: clsm, label: CLSM}
              - {value: asv, label: "ASV <script>alert('choix')</script>"}
          - list_name: oui_non
            items:
              - {value: oui, label: Oui}
              - {value: non, label: Non}
        sections:
          - name: identite
            title: Votre démarche
            questions:
              - {name: demarches, type: select_multiple, label: "Démarches <script>alert('label')</script>", choices: demarches, required: true}
              - {name: clsm_projet, type: select_one, label: Un CLSM est-il en projet ?, choices: oui_non, \
        required: true, relevant: "not(selected(${demarches}, 'clsm'))"}
              - {name: nb_partenaires, type: integer, label: Nombre de partenaires, required: true, \
        constraint: ". >= 0", constraint_message: "Le nombre ne peut pas être négatif.", \
        warning: ". <= 500", warning_message: "Plus de 500 partenaires : vérifiez ce nombre."}
              - {name: commentaire, type: text, label: Commentaire}
          - name: sante_mentale
            title: Santé mentale
            relevant: "selected(${demarches}, 'clsm')"
            questions:
              - {name: clsm_actions, type: text, label: Actions du CLSM, required: true}
        """

    static let personalToken = "jeton-personnel-0123456789abcdef"
    static let secondToken = "jeton-personnel-second-0123456789"
    static let openToken = "lien-ouvert-0123456789abcdef"
    static let password = "mot-de-passe-solide"

    let database: any FabriqueStore
    let router: Router<WebContext>

    /// `alsoCoordination` loads the coordination questionnaire too (for the reports); `engine`
    /// picks the store (the route tests that take `Engine.available` run on both).
    static func make(
        engine: Engine = .sqlite, configuration: WebConfiguration = WebConfiguration(), alsoCoordination: Bool = false
    ) async throws -> WebHarness {
        let survey = try Fixtures.survey(surveyYAML)
        let database = try await engine.emptyStore()
        let referential = try Fixtures.referential()
        let codebook = try Fixtures.codebook()
        _ = try database.loadSeeds(
            SeedBundle(
                referential: referential, codebook: codebook.codebook, codebookSource: codebook.source,
                surveys: [.init(survey: survey, source: surveyYAML)]
                    + (alsoCoordination
                        ? [.init(survey: try Fixtures.coordinationSurvey(), source: try Fixtures.text("surveys/coordination.yaml"))] : []),
                experiences: try Fixtures.experiences(referential: referential)))
        _ = try database.saveContacts([
            Contact(email: "a@example.fr", name: "Alice Martin", regionCode: "44", departementCode: "67", approaches: ["CLS", "CLSM"]),
            Contact(email: "b@example.fr", name: "Bruno Petit", regionCode: "11", departementCode: "75", approaches: ["ASV"])
        ])
        try database.saveInvitations(
            surveyId: "essai",
            [
                NewInvitation(contactEmail: "a@example.fr", tokenSHA256: SecretToken.hash(personalToken)),
                NewInvitation(contactEmail: "b@example.fr", tokenSHA256: SecretToken.hash(secondToken))
            ],
            at: "2026-11-01T08:00:00Z")
        try database.saveOpenLink(surveyId: "essai", tokenSHA256: SecretToken.hash(openToken), at: "2026-11-01T08:00:00Z")
        let hash = PasswordHasher.hash(password)
        for (name, role) in [("admin", UserRole.admin), ("equipe", .staff), ("chercheuse", .researcher), ("chercheur", .researcher)] {
            try database.addUser(name: name, role: role, passwordHash: hash, at: "2026-11-01T08:00:00Z")
        }
        return WebHarness(database: database, router: try await buildRouter(database: database, configuration: configuration))
    }

    /// Runs `body` against the router, as HummingbirdTesting's in-process client.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: router).test(.router) { client in try await body(client) }
    }
}

/// Form bodies and cookies, as a browser sends them.
enum Browser {
    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func encode(_ pairs: [(String, String)]) -> ByteBuffer {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.*"))
        let text = pairs.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }
        return ByteBuffer(string: text.joined(separator: "&"))
    }

    static func post(
        _ client: any TestClientProtocol, _ uri: String, _ pairs: [(String, String)], cookies: [String: String] = [:],
        forwardedFor: String? = nil
    ) async throws -> TestResponse {
        var headers = formHeaders
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let forwardedFor { headers[HTTPField.Name("X-Forwarded-For")!] = forwardedFor }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: encode(pairs))
    }

    static func get(_ client: any TestClientProtocol, _ uri: String, cookies: [String: String] = [:]) async throws -> TestResponse {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// Starts a respondent from the harness's open link as a browser does: the start page, then
    /// its form with the signed token.
    static func startOpenLink(_ client: any TestClientProtocol, forwardedFor: String? = nil) async throws -> TestResponse {
        let path = "/o/\(WebHarness.openToken)"
        let landing = try await get(client, path)
        return try await post(client, path, [("jeton", hidden("jeton", in: String(buffer: landing.body)) ?? "")], forwardedFor: forwardedFor)
    }

    /// The cookies a response sets (name → value).
    static func cookies(_ response: TestResponse) -> [String: String] {
        var result: [String: String] = [:]
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { result[String(pair[0])] = String(pair[1]) }
        }
        return result
    }

    /// The value of a hidden input in a page.
    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Logs in and returns the session cookies and the session's CSRF token.
    static func login(_ client: any TestClientProtocol, name: String, password: String = WebHarness.password) async throws -> (
        cookies: [String: String], csrf: String
    ) {
        let form = try await get(client, "/connexion")
        let loginCSRF = hidden("csrf", in: String(buffer: form.body))!
        let response = try await post(
            client, "/connexion", [("csrf", loginCSRF), ("name", name), ("password", password), ("next", "/gestion")],
            cookies: cookies(form))
        let session = cookies(response)
        let page = try await get(client, "/", cookies: session)
        return (session.filter { !$0.value.isEmpty }, hidden("csrf", in: String(buffer: page.body)) ?? "")
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String { headers[.location] ?? "" }
}

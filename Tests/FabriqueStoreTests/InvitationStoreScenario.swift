import FabriqueCore
import FabriqueTestSupport
import GRDB
import PostgresNIO
import Testing

@testable import FabriqueStore

/// A survey's invitations in every state the dashboard tells apart, built by the same calls on
/// each store, so that PostgreSQL's answers can be compared with SQLite's (`AppDatabase.inMemory()`).
///
/// Eight contacts of survey `coordination` (the seeds): three "Dominique Martin" in region 84 whose
/// emails only `COLLATE NOCASE` orders (`_martin`, `a.martin`, `B.martin`), "Zoé" before "Émilie"
/// in byte order, one contact without a region, approaches written with stray spaces. Everyone but
/// a.martin is invited; Camille and Émilie submitted (Émilie after a draft), Zoé and Sacha keep a
/// draft; the open link started two respondents, one of whom submitted.
enum InvitationScenario {
    static let survey = "coordination"
    static let invitedAt = "2026-02-01T08:00:00Z"

    static let contacts = [
        Contact(email: "camille.durand@example.fr", name: "Camille Durand", regionCode: "84", approaches: ["cls", "clsm"]),
        Contact(email: "B.martin@example.fr", name: "Dominique Martin", role: "coordination", regionCode: "84", approaches: ["asv"]),
        Contact(email: "a.martin@example.fr", name: "Dominique Martin", regionCode: "84", departementCode: "69"),
        Contact(email: "_martin@example.fr", name: "Dominique Martin", organisation: "ARS", regionCode: "84", approaches: ["cls"]),
        Contact(email: "zoe@example.fr", name: "Zoé Bernard", regionCode: "44", approaches: ["", "clsm", ""]),
        Contact(email: "emilie@example.fr", name: "Émilie Roux", regionCode: "44", approaches: ["cls", "asv"]),
        Contact(email: "sans.region@example.fr", name: "Sacha Sans", approaches: ["asv"]),
        Contact(email: "lea@example.fr", name: "Léa Petit", regionCode: "11", approaches: [" "])
    ]

    /// The contacts' emails in the order both engines list them.
    static let orderedEmails = [
        "sans.region@example.fr", "lea@example.fr", "zoe@example.fr", "emilie@example.fr", "camille.durand@example.fr",
        "_martin@example.fr", "a.martin@example.fr", "B.martin@example.fr"
    ]

    /// The token hash of a contact's personal link.
    static func token(_ email: String) -> String { "t-" + email }

    /// Builds the scenario on `store`, whose seeds are loaded.
    static func build(on store: any FabriqueStore) throws {
        _ = try store.saveContacts(contacts)
        let invited = contacts.filter { $0.email != "a.martin@example.fr" }
        try store.saveInvitations(
            surveyId: survey, invited.map { NewInvitation(contactEmail: $0.email, tokenSHA256: token($0.email)) }, at: invitedAt)
        for (email, page, at) in [("zoe@example.fr", 2, "2026-02-02T08:00:00Z"), ("sans.region@example.fr", 1, "2026-02-03T08:00:00Z")] {
            let id = try #require(try store.invitation(tokenSHA256: token(email))).id
            #expect(try store.saveDraft(invitationId: id, draft: ["actions": "brouillon de \(email)"], page: page, at: at))
        }
        let emilie = try #require(try store.invitation(tokenSHA256: token("emilie@example.fr"))).id
        #expect(try store.saveDraft(invitationId: emilie, draft: ["actions": "à finir"], page: 0, at: "2026-02-02T09:00:00Z"))
        try StoreSQL.submit(store, token: token("camille.durand@example.fr"), responseId: "web-camille", receipt: "r-camille")
        try StoreSQL.submit(store, token: token("emilie@example.fr"), responseId: "web-emilie", receipt: "r-emilie")

        try store.saveOpenLink(surveyId: survey, tokenSHA256: "open-link", at: invitedAt)
        try store.startOpenInvitation(surveyId: survey, tokenSHA256: "open-1", at: "2026-02-04T08:00:00Z")
        try store.startOpenInvitation(surveyId: survey, tokenSHA256: "open-2", at: "2026-02-04T09:00:00Z")
        let open = try #require(try store.invitation(tokenSHA256: "open-2")).id
        #expect(try store.saveDraft(invitationId: open, draft: ["actions": "anonyme"], page: 0, at: "2026-02-04T10:00:00Z"))
        try StoreSQL.submit(store, token: "open-1", responseId: "web-open-1", receipt: "r-open-1")
    }
}

/// Plain SQL for what the interface has no call for yet, on either engine: the write of
/// `submitResponses` (a response stored through a link), and the columns an unlinking must clear.
enum StoreSQL {
    /// Marks a link used as `submitResponses` does (the response table itself aside).
    static func submit(_ store: any FabriqueStore, token: String, responseId: String, receipt: String, at: String = "2026-02-05T08:00:00Z")
        throws
    {
        try execute(
            store,
            """
            UPDATE invitation SET submitted_at = ?, response_id = ?, receipt_sha256 = ?, draft_json = NULL
            WHERE token_sha256 = ? AND submitted_at IS NULL
            """, [at, responseId, receipt, token])
    }

    /// Runs one statement with `?` placeholders for text values.
    static func execute(_ store: any FabriqueStore, _ sql: String, _ arguments: [String?] = []) throws {
        _ = try rows(store, sql, arguments)
    }

    /// The rows of one statement, every column read as text (cast other columns in the SQL).
    static func rows(_ store: any FabriqueStore, _ sql: String, _ arguments: [String?] = []) throws -> [[String?]] {
        switch store {
        case let database as AppDatabase:
            return try database.writer.write { db in
                let statement = try db.makeStatement(sql: sql)
                guard !statement.columnNames.isEmpty else {
                    try statement.execute(arguments: StatementArguments(arguments))
                    return []
                }
                return try Row.fetchAll(statement, arguments: StatementArguments(arguments)).map { row in
                    row.databaseValues.map { String.fromDatabaseValue($0) }
                }
            }
        case let postgres as PostgresStore:
            var numbered = ""
            var count = 0
            for character in sql {
                guard character == "?" else {
                    numbered.append(character)
                    continue
                }
                count += 1
                numbered += "$\(count)"
            }
            var bindings = PostgresBindings()
            for argument in arguments { bindings.append(argument) }
            return try postgres.query(PostgresQuery(unsafeSQL: numbered, binds: bindings), doing: "a test's statement").map { row in
                try row.map { try $0.decode(String?.self) }
            }
        default:
            Issue.record("no plain SQL for \(type(of: store))")
            return []
        }
    }

    /// Every invitation's columns that closing with `unlink` clears or keeps, by token.
    static func invitations(_ store: any FabriqueStore) throws -> [[String?]] {
        try rows(
            store,
            """
            SELECT token_sha256, kind, CASE WHEN contact_id IS NULL THEN 'unlinked' ELSE 'linked' END, response_id, draft_json,
                CAST(draft_page AS TEXT), draft_updated_at, submitted_at, receipt_sha256, region_code, approaches, expired_at
            FROM invitation
            """
        ).sorted { ($0[0] ?? "") < ($1[0] ?? "") }
    }
}

import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// The invitation protocol of `fabrique invite`: each link in the mail-merge file opens its
/// contact's invitation, only the links' hashes are stored, and a failure leaves no half-issued links.
struct InvitationIssuerTests {
    static func fixture() throws -> ImportFixture {
        let fixture = try ImportFixture(onDisk: true)
        _ = try fixture.database.saveContacts([
            Contact(email: "a@example.fr", name: "=HYPERLINK(\"http://x\",\"a\")", regionCode: "44", approaches: ["CLS"]),
            Contact(email: "b@example.fr", name: "Bruno Petit", regionCode: "11", approaches: ["ASV"])
        ])
        return fixture
    }

    @Test func everyLinkInTheFileOpensItsContactsInvitation() throws {
        let fixture = try Self.fixture()
        let issuer = InvitationIssuer(database: fixture.database, surveyId: "mini", baseURL: "https://enquetes.example.fr/")
        let path = fixture.dir.path("links.csv")
        #expect(try issuer.issue(region: "44", reissue: false, to: path, at: "2026-01-01T08:00:00Z") == 1)
        #expect(try issuer.issue(region: nil, reissue: false, to: path, at: "2026-01-01T08:00:00Z") == 1)
        let rows = try CSVReader(path: path).records().map(\.fields)
        #expect(rows.first == InvitationIssuer.header)
        #expect(rows.count == 2 && rows[1][1] == "b@example.fr")
        let url = rows[1][6]
        #expect(url.hasPrefix("https://enquetes.example.fr/r/"))
        let token = String(url.dropFirst("https://enquetes.example.fr/r/".count))
        #expect(try fixture.database.invitation(tokenSHA256: SecretToken.hash(token))?.contactName == "Bruno Petit")
        // Only the hash is stored: the token itself is nowhere in the database.
        #expect(try fixture.database.invitation(tokenSHA256: token) == nil)
        // Nobody is left: nothing is written, and the links file stays as it was.
        #expect(try issuer.issue(region: nil, reissue: false, to: path, at: "2026-01-02T08:00:00Z") == 0)
        #expect(try CSVReader(path: path).records().map(\.fields) == rows)
        // Reissuing replaces the unused links; the old ones stop working.
        #expect(try issuer.issue(region: "11", reissue: true, to: path, at: "2026-01-03T08:00:00Z") == 1)
        #expect(try fixture.database.invitation(tokenSHA256: SecretToken.hash(token)) == nil)
    }

    @Test func aFormulaInANameIsNeutralisedInTheMailMergeFile() throws {
        let fixture = try Self.fixture()
        let path = fixture.dir.path("links.csv")
        let issuer = InvitationIssuer(database: fixture.database, surveyId: "mini", baseURL: "http://127.0.0.1:8080")
        _ = try issuer.issue(region: "44", reissue: false, to: path, at: "2026-01-01T08:00:00Z")
        let name = try CSVReader(path: path).records()[1].fields[0]
        #expect(name == "'=HYPERLINK(\"http://x\",\"a\")")
    }

    /// The file cannot be written: no invitation is stored, so no contact holds a link that nobody has.
    @Test func aFileThatCannotBeWrittenIssuesNoLink() throws {
        let fixture = try Self.fixture()
        let issuer = InvitationIssuer(database: fixture.database, surveyId: "mini", baseURL: "http://127.0.0.1:8080")
        #expect(throws: (any Error).self) {
            try issuer.issue(region: nil, reissue: false, to: fixture.dir.path("absent/links.csv"), at: "2026-01-01T08:00:00Z")
        }
        #expect(try fixture.database.contactsToInvite(surveyId: "mini", region: nil, reissue: false).count == 2)
    }

    @Test func theOpenLinkIsReplacedEachTime() throws {
        let fixture = try Self.fixture()
        let issuer = InvitationIssuer(database: fixture.database, surveyId: "mini", baseURL: "http://127.0.0.1:8080/")
        let first = try issuer.issueOpenLink(at: "2026-01-01T08:00:00Z")
        let second = try issuer.issueOpenLink(at: "2026-01-02T08:00:00Z")
        #expect(first.hasPrefix("http://127.0.0.1:8080/o/") && first != second)
        let token = { (url: String) in SecretToken.hash(String(url.dropFirst("http://127.0.0.1:8080/o/".count))) }
        #expect(try fixture.database.openLinkSurvey(tokenSHA256: token(second)) == "mini")
        #expect(try fixture.database.openLinkSurvey(tokenSHA256: token(first)) == nil)
    }
}

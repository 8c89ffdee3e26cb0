import FabriqueCSV
import FabriqueCore
import FabriqueStore
import Foundation

/// Issues the personal links of a survey (`fabrique invite`): a random 128-bit token per contact,
/// of which only the SHA-256 is stored, so that the links exist only in the mail-merge CSV written
/// now. The file is written before the tokens are stored and moved into place after: a failure at
/// any step leaves either no new links or links that all work.
public struct InvitationIssuer {
    /// The columns of the mail-merge CSV.
    public static let header = ["name", "email", "organisation", "region", "departement", "approaches", "url"]

    let database: any FabriqueStore
    let surveyId: String
    /// The app's public address, without a final `/`.
    let baseURL: String

    /// An issuer of links to one survey at an address (a final `/` is dropped).
    public init(database: any FabriqueStore, surveyId: String, baseURL: String) {
        self.database = database
        self.surveyId = surveyId
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    /// Creates or replaces the survey's open, anonymous link and returns it.
    public func issueOpenLink(at now: String) throws -> String {
        let token = SecretToken.generate(bytes: 16)
        try database.saveOpenLink(surveyId: surveyId, tokenSHA256: SecretToken.hash(token), at: now)
        return "\(baseURL)/o/\(token)"
    }

    /// Gives a link to each contact of `region` (or all) who has none, or, with `reissue`, whose
    /// link is unused (the old one stops working); writes the mail-merge CSV to `path`, or to
    /// standard output when nil. Returns how many links were issued: 0 writes nothing, so that a
    /// links file, which may be the only copy of the links, is never overwritten by an empty one.
    public func issue(region: String?, reissue: Bool, to path: String?, at now: String) throws -> Int {
        let contacts = try database.contactsToInvite(surveyId: surveyId, region: region, reissue: reissue)
        guard !contacts.isEmpty else { return 0 }
        let tokens = contacts.map { _ in SecretToken.generate(bytes: 16) }
        let rows = zip(contacts, tokens).map { contact, token in
            [
                contact.name, contact.email, contact.organisation, contact.regionCode ?? "", contact.departementCode ?? "",
                contact.approaches.joined(separator: " "), "\(baseURL)/r/\(token)"
            ]
        }
        let temporary = path.map { $0 + ".tmp" }
        if let temporary { try Self.write(rows, to: CSVWriter(path: temporary, format: .spreadsheet)) }
        do {
            let invitations = zip(contacts, tokens).map { NewInvitation(contactEmail: $0.email, tokenSHA256: SecretToken.hash($1)) }
            try database.saveInvitations(surveyId: surveyId, invitations, at: now)
        } catch {
            if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
            throw error
        }
        if let path, let temporary {
            _ = try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } else {
            try Self.write(rows, to: CSVWriter(standardOutputWith: .spreadsheet))
        }
        return contacts.count
    }

    /// Writes the header and the rows, formulas neutralised (the file opens in a spreadsheet).
    private static func write(_ rows: [[String]], to writer: CSVWriter) throws {
        try writer.write(header)
        for row in rows { try writer.write(row) }
        try writer.finish()
    }
}

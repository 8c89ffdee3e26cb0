import GRDB

extension AppDatabase {
    /// Saves contacts in one transaction, keyed on the email (case-insensitive): a known email is
    /// updated, a new one inserted. Returns (inserted, updated).
    public func saveContacts(_ contacts: [Contact]) throws -> (inserted: Int, updated: Int) {
        do {
            return try writer.write { db in
                var inserted = 0
                var updated = 0
                for contact in contacts {
                    let arguments: StatementArguments = [
                        contact.name, contact.organisation, contact.role, contact.regionCode,
                        contact.departementCode, contact.approaches.joined(separator: " "), contact.email
                    ]
                    try db.execute(
                        sql: """
                            UPDATE contact SET name = ?, organisation = ?, role = ?, region_code = ?, departement_code = ?, approaches = ?
                            WHERE email = ?
                            """, arguments: arguments)
                    if db.changesCount == 1 {
                        updated += 1
                        continue
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO contact (name, organisation, role, region_code, departement_code, approaches, email)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """, arguments: arguments)
                    inserted += 1
                }
                return (inserted, updated)
            }
        } catch {
            throw wrap(error, doing: "saving contacts")
        }
    }

    /// The contacts, by region then name, optionally of one region only.
    public func contacts(region: String? = nil) throws -> [Contact] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM contact WHERE (?1 IS NULL OR region_code = ?1) ORDER BY region_code, name, email
                    """, arguments: [region]
            ).map(Self.contact)
        }
    }

    /// The contacts of a region (or all) who have no invitation to a survey yet, or, with
    /// `reissue`, whose invitation is still unused.
    public func contactsToInvite(surveyId: String, region: String?, reissue: Bool) throws -> [Contact] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.* FROM contact c
                    LEFT JOIN invitation i ON i.contact_id = c.id AND i.survey_id = ?1
                    WHERE (?2 IS NULL OR c.region_code = ?2)
                      AND (i.id IS NULL OR (?3 AND i.submitted_at IS NULL))
                    ORDER BY c.region_code, c.name, c.email
                    """, arguments: [surveyId, region, reissue]
            ).map(Self.contact)
        }
    }

    static func contact(_ row: Row) -> Contact {
        let approaches: String = row["approaches"]
        return Contact(
            email: row["email"], name: row["name"], organisation: row["organisation"], role: row["role"],
            regionCode: row["region_code"], departementCode: row["departement_code"],
            approaches: approaches.split(separator: " ").map(String.init))
    }
}

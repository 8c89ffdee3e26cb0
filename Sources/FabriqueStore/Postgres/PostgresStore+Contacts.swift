import PostgresNIO

extension PostgresStore: ContactStore {
    /// One upsert per contact, on the unique index over `lower(email)`: two servers saving the same
    /// address at once update one row instead of failing. Each statement stands alone, so that an
    /// address given twice in a batch is inserted then updated, as on SQLite.
    public func saveContacts(_ contacts: [Contact]) throws -> (inserted: Int, updated: Int) {
        try transaction(doing: "saving contacts") { connection in
            var inserted = 0
            for contact in contacts {
                let rows = try connection.run(
                    """
                    INSERT INTO contact (email, name, organisation, role, region_code, departement_code, approaches)
                    VALUES (\(contact.email), \(contact.name), \(contact.organisation), \(contact.role), \(contact.regionCode),
                        \(contact.departementCode), \(contact.approaches.joined(separator: " ")))
                    ON CONFLICT (lower(email)) DO UPDATE SET name = EXCLUDED.name, organisation = EXCLUDED.organisation,
                        role = EXCLUDED.role, region_code = EXCLUDED.region_code, departement_code = EXCLUDED.departement_code,
                        approaches = EXCLUDED.approaches
                    RETURNING xmax = 0
                    """, logger)
                // A row this statement inserted has no xmax; an updated one carries the updater's.
                if try rows.first?.decode(Bool.self) == true { inserted += 1 }
            }
            return (inserted, contacts.count - inserted)
        }
    }

    public func contacts(region: String?) throws -> [Contact] {
        try query(
            """
            SELECT \(unescaped: Self.contactColumns) FROM contact c WHERE (\(region)::text IS NULL OR c.region_code = \(region))
            ORDER BY \(unescaped: Self.contactOrder)
            """, doing: "listing the contacts"
        ).map(Self.contact)
    }

    public func contactsToInvite(surveyId: String, region: String?, reissue: Bool) throws -> [Contact] {
        try query(
            """
            SELECT \(unescaped: Self.contactColumns) FROM contact c
            LEFT JOIN invitation i ON i.contact_id = c.id AND i.survey_id = \(surveyId)
            WHERE (\(region)::text IS NULL OR c.region_code = \(region))
              AND (i.id IS NULL OR (\(reissue) AND i.submitted_at IS NULL))
            ORDER BY \(unescaped: Self.contactOrder)
            """, doing: "listing the contacts to invite"
        ).map(Self.contact)
    }

    // MARK: - Helpers

    /// The columns `contact(_:)` reads, of a contact aliased `c`.
    static let contactColumns = "c.email, c.name, c.organisation, c.role, c.region_code, c.departement_code, c.approaches"

    /// SQLite's order of contacts (`ORDER BY region_code, name, email`): NULL regions first, names
    /// in byte order, and emails as `COLLATE NOCASE` compares them (ASCII letters folded, then bytes).
    static let contactOrder = #"c.region_code COLLATE "C" NULLS FIRST, c.name COLLATE "C", lower(c.email COLLATE "C")"#

    /// A contact from a row holding `contactColumns` (by name, so that other columns may follow).
    static func contact(_ row: PostgresRow) throws -> Contact {
        let cells = row.makeRandomAccess()
        return Contact(
            email: try cells["email"].decode(String.self), name: try cells["name"].decode(String.self),
            organisation: try cells["organisation"].decode(String.self), role: try cells["role"].decode(String.self),
            regionCode: try cells["region_code"].decode(String?.self), departementCode: try cells["departement_code"].decode(String?.self),
            approaches: try cells["approaches"].decode(String.self).split(separator: " ").map(String.init))
    }
}

import FabriqueCore
import PostgresNIO

extension PostgresStore: AccountStore {
    public func addUser(name: String, role: UserRole, passwordHash: String, at: String) throws {
        try transaction(doing: "adding a user") { connection in
            // The name is unique: a concurrent add of the same name fails on the constraint.
            let taken = try connection.run("SELECT 1 FROM app_user WHERE lower(name) = lower(\(name))", logger)
            if !taken.isEmpty { throw StoreError.userExists(name) }
            try connection.run(
                "INSERT INTO app_user (name, role, password_hash, created_at) VALUES (\(name), \(role.rawValue), \(passwordHash), \(at))", logger)
        }
    }

    public func setPassword(name: String, passwordHash: String, role: UserRole?) throws -> Bool {
        try updateUser(
            name, endingSessions: true,
            "UPDATE app_user SET password_hash = \(passwordHash), role = COALESCE(\(role?.rawValue), role) WHERE name = \(name)")
    }

    public func setRole(name: String, role: UserRole) throws -> Bool {
        try updateUser(name, endingSessions: false, "UPDATE app_user SET role = \(role.rawValue) WHERE name = \(name)")
    }

    public func setDisabled(name: String, at: String?) throws -> Bool {
        try updateUser(name, endingSessions: at != nil, "UPDATE app_user SET disabled_at = \(at) WHERE name = \(name)")
    }

    public func deleteUser(name: String) throws -> Bool {
        try transaction(doing: "deleting a user") { connection in
            try connection.run("DELETE FROM app_user WHERE name = \(name) RETURNING id", logger).count == 1
        }
    }

    public func setScope(name: String, _ scope: AccountScope) throws -> Bool {
        try transaction(doing: "setting an account's scope") { connection in
            let ids = try connection.run("SELECT id FROM app_user WHERE name = \(name) FOR UPDATE", logger)
            guard let id = try ids.first?.decode(Int64.self) else { return false }
            try connection.run("DELETE FROM user_scope WHERE user_id = \(id)", logger)
            for (kind, values) in [("region", scope.regions), ("survey", scope.surveys)] where !values.isEmpty {
                try connection.run(
                    "INSERT INTO user_scope (user_id, kind, value) SELECT \(id), \(kind), unnest(\(values)::text[])", logger)
            }
            return true
        }
    }

    public func user(named name: String) throws -> (user: AppUser, passwordHash: String)? {
        let rows = try query(
            "SELECT id, name, role, disabled_at, password_hash FROM app_user WHERE name = \(name)", doing: "reading an account")
        guard let row = rows.first else { return nil }
        let (id, userName, role, disabledAt, hash) = try row.decode((Int64, String, String, String?, String).self)
        guard let user = try user(id: id, name: userName, role: role, disabledAt: disabledAt) else { return nil }
        return (user, hash)
    }

    public func users() throws -> [AppUser] {
        var users: [AppUser] = []
        for row in try query("SELECT id, name, role, disabled_at FROM app_user ORDER BY name COLLATE \"C\"", doing: "listing the accounts") {
            let (id, name, role, disabledAt) = try row.decode((Int64, String, String, String?).self)
            if let user = try user(id: id, name: name, role: role, disabledAt: disabledAt) { users.append(user) }
        }
        return users
    }

    public func createSession(
        tokenSHA256: String, userId: Int64, csrfToken: String, expiresAt: String, now: String, client: String, userAgent: String
    ) throws {
        let agent = String(userAgent.prefix(300))
        try transaction(doing: "opening a session") { connection in
            try connection.run("DELETE FROM web_session WHERE expires_at <= \(now)", logger)
            try connection.run(
                """
                INSERT INTO web_session (token_sha256, user_id, csrf_token, expires_at, created_at, client, user_agent)
                VALUES (\(tokenSHA256), \(userId), \(csrfToken), \(expiresAt), \(now), \(client), \(agent))
                """, logger)
        }
    }

    public func session(tokenSHA256: String, now: String) throws -> WebSession? {
        let rows = try query(
            """
            SELECT u.id, u.name, u.role, u.disabled_at, s.csrf_token FROM web_session s JOIN app_user u ON u.id = s.user_id
            WHERE s.token_sha256 = \(tokenSHA256) AND s.expires_at > \(now) AND u.disabled_at IS NULL
            """, doing: "reading a session")
        guard let row = rows.first else { return nil }
        let (id, name, role, disabledAt, csrf) = try row.decode((Int64, String, String, String?, String).self)
        guard let user = try user(id: id, name: name, role: role, disabledAt: disabledAt) else { return nil }
        return WebSession(user: user, csrfToken: csrf)
    }

    public func sessions(userId: Int64, now: String, current tokenSHA256: String) throws -> [SessionRecord] {
        try query(
            """
            SELECT id, created_at, expires_at, client, user_agent, token_sha256 = \(tokenSHA256) FROM web_session
            WHERE user_id = \(userId) AND expires_at > \(now) ORDER BY created_at DESC, id DESC
            """, doing: "listing sessions"
        ).map { row in
            let (id, createdAt, expiresAt, client, userAgent, current) = try row.decode((Int64, String, String, String, String, Bool).self)
            return SessionRecord(id: id, createdAt: createdAt, expiresAt: expiresAt, client: client, userAgent: userAgent, isCurrent: current)
        }
    }

    public func deleteSession(id: Int64, userId: Int64) throws -> Bool {
        try query("DELETE FROM web_session WHERE id = \(id) AND user_id = \(userId) RETURNING id", doing: "ending a session").count == 1
    }

    public func deleteOtherSessions(userId: Int64, keeping tokenSHA256: String) throws -> Int {
        try query(
            "DELETE FROM web_session WHERE user_id = \(userId) AND token_sha256 <> \(tokenSHA256) RETURNING id", doing: "ending sessions"
        ).count
    }

    public func deleteSession(tokenSHA256: String) throws {
        try query("DELETE FROM web_session WHERE token_sha256 = \(tokenSHA256)", doing: "ending a session")
    }

    public func secret(named name: String) throws -> String {
        let rows = try query("SELECT value FROM app_secret WHERE name = \(name)", doing: "reading the server's secret '\(name)'")
        guard let value = try rows.first?.decode(String.self) else {
            throw StoreError.database(doing: "reading the server's secret '\(name)'", reason: "it is missing; run 'fabrique init'")
        }
        return value
    }

    // MARK: - Helpers

    private func updateUser(_ name: String, endingSessions: Bool, _ update: PostgresQuery) throws -> Bool {
        try transaction(doing: "changing an account") { connection in
            var update = update
            update.sql += " RETURNING id"
            guard let id = try connection.run(update, logger).first?.decode(Int64.self) else { return false }
            if endingSessions { try connection.run("DELETE FROM web_session WHERE user_id = \(id)", logger) }
            return true
        }
    }

    /// An account with its scope; nil for a role this fabrique does not know.
    private func user(id: Int64, name: String, role: String, disabledAt: String?) throws -> AppUser? {
        guard let role = UserRole(rawValue: role) else { return nil }
        let scoped = try query(
            "SELECT kind, value FROM user_scope WHERE user_id = \(id) ORDER BY kind, value COLLATE \"C\"", doing: "reading an account's scope"
        ).map { try $0.decode((String, String).self) }
        let scope = AccountScope(regions: scoped.filter { $0.0 == "region" }.map(\.1), surveys: scoped.filter { $0.0 == "survey" }.map(\.1))
        return AppUser(id: id, name: name, role: role, scope: scope, disabled: disabledAt != nil)
    }
}

import GRDB

extension AppDatabase {
    /// Adds a staff account. The caller hashes the password (slowly) and normalises the name
    /// (`UserName`); the store never sees the password.
    public func addUser(name: String, role: UserRole, passwordHash: String, at: String) throws {
        do {
            try writer.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM app_user WHERE lower(name) = lower(?)", arguments: [name]) == true {
                    throw StoreError.userExists(name)
                }
                try db.execute(
                    sql: "INSERT INTO app_user (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [name, role.rawValue, passwordHash, at])
            }
        } catch {
            throw wrap(error, doing: "adding a user")
        }
    }

    /// Replaces an account's password hash (and its role, when given) and ends its sessions.
    /// False when there is no such account.
    public func setPassword(name: String, passwordHash: String, role: UserRole? = nil) throws -> Bool {
        try updateUser(
            name, endingSessions: true, sql: "UPDATE app_user SET password_hash = ?, role = COALESCE(?, role) WHERE name = ?",
            arguments: [passwordHash, role?.rawValue, name])
    }

    /// Changes an account's role; its open sessions carry the new role at their next request.
    public func setRole(name: String, role: UserRole) throws -> Bool {
        try updateUser(name, endingSessions: false, sql: "UPDATE app_user SET role = ? WHERE name = ?", arguments: [role.rawValue, name])
    }

    /// Disables an account (its sessions end and it cannot log in) or enables it again (`at` nil).
    public func setDisabled(name: String, at: String?) throws -> Bool {
        try updateUser(name, endingSessions: at != nil, sql: "UPDATE app_user SET disabled_at = ? WHERE name = ?", arguments: [at, name])
    }

    /// Deletes an account and its sessions. Codings keep their coder's name.
    public func deleteUser(name: String) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM app_user WHERE name = ?", arguments: [name])
            return db.changesCount == 1
        }
    }

    /// Replaces an account's scope (empty lists: no limit). False when there is no such account.
    public func setScope(name: String, _ scope: AccountScope) throws -> Bool {
        try writer.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM app_user WHERE name = ?", arguments: [name]) else { return false }
            try db.execute(sql: "DELETE FROM user_scope WHERE user_id = ?", arguments: [id])
            for (kind, values) in [("region", scope.regions), ("survey", scope.surveys)] {
                for value in values {
                    try db.execute(sql: "INSERT INTO user_scope (user_id, kind, value) VALUES (?, ?, ?)", arguments: [id, kind, value])
                }
            }
            return true
        }
    }

    /// An account and its password hash, for a login; disabled accounts are returned too (the
    /// login refuses them after checking the password, so that the answer tells nothing).
    public func user(named name: String) throws -> (user: AppUser, passwordHash: String)? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT id, name, role, password_hash, disabled_at FROM app_user WHERE name = ?",
                    arguments: [name]),
                let user = try Self.user(db, row)
            else { return nil }
            return (user, row["password_hash"])
        }
    }

    /// Every account, by name.
    public func users() throws -> [AppUser] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, role, disabled_at FROM app_user ORDER BY name").compactMap { try Self.user(db, $0) }
        }
    }

    /// Opens a session; expired sessions are swept at the same time.
    public func createSession(
        tokenSHA256: String, userId: Int64, csrfToken: String, expiresAt: String, now: String,
        client: String = "", userAgent: String = ""
    ) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE expires_at <= ?", arguments: [now])
            try db.execute(
                sql: """
                    INSERT INTO web_session (token_sha256, user_id, csrf_token, expires_at, created_at, client, user_agent)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [tokenSHA256, userId, csrfToken, expiresAt, now, client, String(userAgent.prefix(300))])
        }
    }

    /// The live session of a cookie token, if any (none for a disabled account).
    public func session(tokenSHA256: String, now: String) throws -> WebSession? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT u.id, u.name, u.role, u.disabled_at, s.csrf_token FROM web_session s JOIN app_user u ON u.id = s.user_id
                        WHERE s.token_sha256 = ? AND s.expires_at > ? AND u.disabled_at IS NULL
                        """, arguments: [tokenSHA256, now]),
                let user = try Self.user(db, row)
            else { return nil }
            return WebSession(user: user, csrfToken: row["csrf_token"])
        }
    }

    /// An account's live sessions, newest first; `current` marks the asking one.
    public func sessions(userId: Int64, now: String, current tokenSHA256: String) throws -> [SessionRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, created_at, expires_at, client, user_agent, token_sha256 = ? AS current FROM web_session
                    WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC, rowid DESC
                    """, arguments: [tokenSHA256, userId, now]
            ).map { row in
                SessionRecord(
                    id: row["rowid"], createdAt: row["created_at"], expiresAt: row["expires_at"], client: row["client"],
                    userAgent: row["user_agent"], isCurrent: row["current"])
            }
        }
    }

    /// Ends one of an account's sessions, by its row; false when it is not one of theirs.
    public func deleteSession(id: Int64, userId: Int64) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE rowid = ? AND user_id = ?", arguments: [id, userId])
            return db.changesCount == 1
        }
    }

    /// Ends every session of an account but the one given; returns how many ended.
    public func deleteOtherSessions(userId: Int64, keeping tokenSHA256: String) throws -> Int {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE user_id = ? AND token_sha256 <> ?", arguments: [userId, tokenSHA256])
            return db.changesCount
        }
    }

    /// Ends a session.
    public func deleteSession(tokenSHA256: String) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM web_session WHERE token_sha256 = ?", arguments: [tokenSHA256]) }
    }

    /// A secret of the server kept in the database (made at random by the migration that needs it),
    /// so that every server process on this database signs and checks the same tokens.
    public func secret(named name: String) throws -> String {
        try writer.read { db in
            guard let value = try String.fetchOne(db, sql: "SELECT value FROM app_secret WHERE name = ?", arguments: [name]) else {
                throw StoreError.database(doing: "reading the server's secret '\(name)'", reason: "it is missing; run 'fabrique init'")
            }
            return value
        }
    }

    // MARK: - Helpers

    private func updateUser(_ name: String, endingSessions: Bool, sql: String, arguments: StatementArguments) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: sql, arguments: arguments)
            guard db.changesCount == 1 else { return false }
            if endingSessions {
                try db.execute(sql: "DELETE FROM web_session WHERE user_id = (SELECT id FROM app_user WHERE name = ?)", arguments: [name])
            }
            return true
        }
    }

    /// An account from a row holding `id`, `name`, `role` and `disabled_at`, with its scope.
    private static func user(_ db: Database, _ row: Row) throws -> AppUser? {
        guard let role = UserRole(rawValue: row["role"]) else { return nil }
        let id: Int64 = row["id"]
        let scoped = try Row.fetchAll(db, sql: "SELECT kind, value FROM user_scope WHERE user_id = ? ORDER BY kind, value", arguments: [id])
        let scope = AccountScope(
            regions: scoped.filter { $0["kind"] == "region" }.map { $0["value"] },
            surveys: scoped.filter { $0["kind"] == "survey" }.map { $0["value"] })
        return AppUser(id: id, name: row["name"], role: role, scope: scope, disabled: (row["disabled_at"] as String?) != nil)
    }
}

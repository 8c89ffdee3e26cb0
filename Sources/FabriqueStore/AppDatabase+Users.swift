import GRDB

extension AppDatabase {
    /// Adds a staff account. The caller hashes the password (slowly); the store never sees it.
    public func addUser(name: String, role: UserRole, passwordHash: String, at: String) throws {
        do {
            try writer.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM app_user WHERE name = ?", arguments: [name]) == true {
                    throw StoreError.userExists(name)
                }
                try db.execute(sql: "INSERT INTO app_user (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [name, role.rawValue, passwordHash, at])
            }
        } catch {
            throw StoreError.wrap(error, doing: "adding a user")
        }
    }

    /// Replaces an account's password hash (and its role, when given) and ends its sessions.
    /// False when there is no such account.
    public func setPassword(name: String, passwordHash: String, role: UserRole? = nil) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "UPDATE app_user SET password_hash = ?, role = COALESCE(?, role) WHERE name = ?",
                           arguments: [passwordHash, role?.rawValue, name])
            guard db.changesCount == 1 else { return false }
            try db.execute(sql: "DELETE FROM web_session WHERE user_id = (SELECT id FROM app_user WHERE name = ?)", arguments: [name])
            return true
        }
    }

    /// An account and its password hash, for a login.
    public func user(named name: String) throws -> (user: AppUser, passwordHash: String)? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, role, password_hash FROM app_user WHERE name = ?", arguments: [name]).flatMap { row in
                UserRole(rawValue: row["role"]).map { (AppUser(id: row["id"], name: row["name"], role: $0), row["password_hash"]) }
            }
        }
    }

    /// Every account, by name.
    public func users() throws -> [AppUser] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, role FROM app_user ORDER BY name").compactMap { row in
                UserRole(rawValue: row["role"]).map { AppUser(id: row["id"], name: row["name"], role: $0) }
            }
        }
    }

    /// Opens a session; expired sessions are swept at the same time.
    public func createSession(tokenSHA256: String, userId: Int64, csrfToken: String, expiresAt: String, now: String) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE expires_at <= ?", arguments: [now])
            try db.execute(sql: "INSERT INTO web_session (token_sha256, user_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [tokenSHA256, userId, csrfToken, expiresAt])
        }
    }

    /// The live session of a cookie token, if any.
    public func session(tokenSHA256: String, now: String) throws -> WebSession? {
        try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT u.id, u.name, u.role, s.csrf_token FROM web_session s JOIN app_user u ON u.id = s.user_id
                WHERE s.token_sha256 = ? AND s.expires_at > ?
                """, arguments: [tokenSHA256, now]).flatMap { row in
                UserRole(rawValue: row["role"]).map { WebSession(user: AppUser(id: row["id"], name: row["name"], role: $0), csrfToken: row["csrf_token"]) }
            }
        }
    }

    /// Ends a session.
    public func deleteSession(tokenSHA256: String) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM web_session WHERE token_sha256 = ?", arguments: [tokenSHA256]) }
    }
}

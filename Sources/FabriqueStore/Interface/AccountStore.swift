import FabriqueCore

/// Staff accounts, their web sessions, and the server's secrets: what the login, the sessions page
/// and `fabrique user` need. Implemented by `AppDatabase` (SQLite) and `PostgresStore`; the
/// contract tests run the same cases on both.
///
/// Names come normalised (`UserName`) and passwords hashed: the store never sees a password.
/// Times are ISO 8601 strings, compared as text.
public protocol AccountStore: Sendable {
    /// Adds an account; `StoreError.userExists` when the name is taken.
    func addUser(name: String, role: UserRole, passwordHash: String, at: String) throws
    /// Replaces an account's password hash (and role, when given) and ends its sessions; false when there is no such account.
    func setPassword(name: String, passwordHash: String, role: UserRole?) throws -> Bool
    /// Changes an account's role; its sessions carry the new role at their next request.
    func setRole(name: String, role: UserRole) throws -> Bool
    /// Disables an account (its sessions end) or enables it again (`at` nil).
    func setDisabled(name: String, at: String?) throws -> Bool
    /// Deletes an account and its sessions.
    func deleteUser(name: String) throws -> Bool
    /// Replaces an account's scope (empty lists: no limit).
    func setScope(name: String, _ scope: AccountScope) throws -> Bool
    /// An account and its password hash, for a login (disabled accounts too).
    func user(named name: String) throws -> (user: AppUser, passwordHash: String)?
    /// Every account, by name.
    func users() throws -> [AppUser]
    /// Opens a session; expired sessions are swept at the same time.
    func createSession(
        tokenSHA256: String, userId: Int64, csrfToken: String, expiresAt: String, now: String, client: String, userAgent: String
    ) throws
    /// The live session of a cookie token (none for a disabled account).
    func session(tokenSHA256: String, now: String) throws -> WebSession?
    /// An account's live sessions, newest first; `current` marks the asking one.
    func sessions(userId: Int64, now: String, current tokenSHA256: String) throws -> [SessionRecord]
    /// Ends one of an account's sessions; false when it is not one of theirs.
    func deleteSession(id: Int64, userId: Int64) throws -> Bool
    /// Ends every session of an account but the one given; returns how many ended.
    func deleteOtherSessions(userId: Int64, keeping tokenSHA256: String) throws -> Int
    /// Ends a session.
    func deleteSession(tokenSHA256: String) throws
    /// A secret of the server kept in the database, the same for every server process on it.
    func secret(named name: String) throws -> String
}

extension AppDatabase: AccountStore {}

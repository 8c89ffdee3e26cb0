import Foundation
import Logging
import PostgresNIO

/// The schema on PostgreSQL: the migrations of `SchemaVersion`, under the same identifiers as on
/// SQLite, written in PostgreSQL's own terms (identity keys, booleans, a tsvector search with
/// `unaccent`). They run in one transaction under an advisory lock, so that two servers starting
/// together migrate once.
enum PostgresMigrations {
    /// The key of the advisory lock held while migrating ("fabrique" in ASCII).
    static let lockKey: Int64 = 0x6661_6272_6971_7565

    static func migrate(_ connection: PostgresConnection, location: PostgresLocation, logger: Logger) throws {
        do {
            try connection.transaction(logger) { connection in
                try connection.run("SELECT pg_advisory_xact_lock(\(lockKey))", logger)
                try connection.run(
                    """
                    CREATE TABLE IF NOT EXISTS fabrique_migration (
                        identifier text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                    """, logger)
                let applied = try connection.run("SELECT identifier FROM fabrique_migration", logger).map { try $0.decode(String.self) }
                try SchemaVersion.checkNotNewer(applied: applied, database: location.description)
                for identifier in SchemaVersion.migrations where !applied.contains(identifier) {
                    for statement in try statements(identifier) { try connection.run(statement, logger) }
                    try connection.run("INSERT INTO fabrique_migration (identifier) VALUES (\(identifier))", logger)
                }
            }
        } catch {
            throw PostgresStore.wrap(error, doing: "migrating the database schema", location: location)
        }
    }

    /// The statements of one migration.
    static func statements(_ identifier: String) throws -> [PostgresQuery] {
        switch identifier {
        case "v1-foundation": foundation
        case "v2-responses": responses
        case "v3-experience-search": experienceSearch
        case "v4-codings": codings
        case "v5-web": web
        case "v6-accounts": accounts
        case "v7-privacy": privacy
        default: throw StoreError.database(doing: "migrating the database schema", reason: "no PostgreSQL migration '\(identifier)'")
        }
    }

    static let foundation: [PostgresQuery] = [
        """
        CREATE TABLE region (
            code text PRIMARY KEY, name text NOT NULL, slug text NOT NULL UNIQUE,
            overseas boolean NOT NULL, population bigint NOT NULL CHECK (population >= 0))
        """,
        "CREATE TABLE departement (code text PRIMARY KEY, name text NOT NULL, region_code text NOT NULL REFERENCES region(code))",
        "CREATE INDEX departement_region ON departement(region_code)",
        "CREATE TABLE theme (slug text PRIMARY KEY, label text NOT NULL, description text NOT NULL)",
        "CREATE TABLE survey (id text PRIMARY KEY, current_version text NOT NULL)",
        """
        CREATE TABLE survey_version (
            survey_id text NOT NULL REFERENCES survey(id), version text NOT NULL, title text NOT NULL,
            source text NOT NULL, source_sha256 text NOT NULL, PRIMARY KEY (survey_id, version))
        """,
        """
        CREATE TABLE codebook (
            id text NOT NULL, version integer NOT NULL, title text NOT NULL, description text NOT NULL,
            levels_json text NOT NULL, source_sha256 text NOT NULL, PRIMARY KEY (id, version))
        """,
        """
        CREATE TABLE criterion (
            codebook_id text NOT NULL, codebook_version integer NOT NULL, code text NOT NULL, position integer NOT NULL,
            label text NOT NULL, definition text NOT NULL, anchors_json text NOT NULL, definition_sha256 text NOT NULL,
            PRIMARY KEY (codebook_id, codebook_version, code),
            FOREIGN KEY (codebook_id, codebook_version) REFERENCES codebook(id, version))
        """,
        """
        CREATE TABLE experience (
            slug text PRIMARY KEY, title text NOT NULL, year integer NOT NULL,
            region_code text NOT NULL REFERENCES region(code), departement_code text NOT NULL REFERENCES departement(code),
            territory_type text NOT NULL CHECK (territory_type IN ('qpv', 'rural', 'urbain', 'mixte')),
            lead_structure text NOT NULL, partners_json text NOT NULL, summary text NOT NULL, body text NOT NULL,
            content_sha256 text NOT NULL)
        """,
        "CREATE INDEX experience_region ON experience(region_code)",
        """
        CREATE TABLE experience_approach (
            experience_slug text NOT NULL REFERENCES experience(slug) ON DELETE CASCADE,
            approach text NOT NULL CHECK (approach IN ('cls', 'clsm', 'asv')), PRIMARY KEY (experience_slug, approach))
        """,
        """
        CREATE TABLE experience_theme (
            experience_slug text NOT NULL REFERENCES experience(slug) ON DELETE CASCADE,
            theme_slug text NOT NULL REFERENCES theme(slug), PRIMARY KEY (experience_slug, theme_slug))
        """,
        "CREATE INDEX experience_theme_theme ON experience_theme(theme_slug)"
    ]

    static let responses: [PostgresQuery] = [
        "CREATE TABLE response_table (survey_id text PRIMARY KEY REFERENCES survey(id), table_name text NOT NULL UNIQUE)",
        """
        CREATE TABLE response_column (
            survey_id text NOT NULL REFERENCES response_table(survey_id), name text NOT NULL,
            affinity text NOT NULL CHECK (affinity IN ('TEXT', 'INTEGER', 'REAL', 'NUMERIC')), position integer NOT NULL,
            PRIMARY KEY (survey_id, name))
        """
    ]

    /// Full-text search over the fiches, accent- and case-insensitive like FTS5's `unicode61
    /// remove_diacritics 2`: a text search configuration that reads words through `unaccent`, then
    /// keeps them whole (`simple`: no stemming). The document is a generated column over the fields
    /// FTS5 indexes, with a GIN index for the `@@` matches.
    static let experienceSearch: [PostgresQuery] = [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE TEXT SEARCH CONFIGURATION fabrique_search (COPY = simple)",
        "ALTER TEXT SEARCH CONFIGURATION fabrique_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
        """
        ALTER TABLE experience ADD COLUMN search tsvector GENERATED ALWAYS AS (
            to_tsvector('fabrique_search', title || ' ' || summary || ' ' || body || ' ' || lead_structure || ' ' || partners_json)) STORED
        """,
        "CREATE INDEX experience_search ON experience USING gin (search)"
    ]

    static let codings: [PostgresQuery] = [
        """
        CREATE TABLE coding (
            experience_slug text NOT NULL REFERENCES experience(slug), criterion_code text NOT NULL, coder text NOT NULL,
            consensus boolean NOT NULL DEFAULT false, codebook_id text NOT NULL, codebook_version integer NOT NULL,
            level integer NOT NULL, memo text NOT NULL DEFAULT '', excerpts_json text NOT NULL DEFAULT '[]',
            PRIMARY KEY (experience_slug, criterion_code, coder, consensus),
            FOREIGN KEY (codebook_id, codebook_version) REFERENCES codebook(id, version))
        """,
        """
        CREATE TABLE coding_assignment (
            experience_slug text NOT NULL REFERENCES experience(slug), coder text NOT NULL, PRIMARY KEY (experience_slug, coder))
        """,
        """
        CREATE TABLE coding_audit (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, experience_slug text NOT NULL, criterion_code text NOT NULL,
            coder text NOT NULL, consensus boolean NOT NULL, before_json text, after_json text NOT NULL, actor text NOT NULL,
            at text NOT NULL)
        """
    ]

    static let web: [PostgresQuery] = [
        """
        CREATE TABLE contact (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, email text NOT NULL, name text NOT NULL,
            organisation text NOT NULL DEFAULT '', role text NOT NULL DEFAULT '', region_code text, departement_code text,
            approaches text NOT NULL DEFAULT '')
        """,
        // SQLite's `COLLATE NOCASE UNIQUE`: one contact per address, whatever its case.
        "CREATE UNIQUE INDEX contact_email ON contact (lower(email))",
        // One row per link; `token_sha256` unique, so that a link is used by one response at most,
        // whichever server takes it (`submitted_at` is set in the same transaction as the response).
        """
        CREATE TABLE invitation (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, survey_id text NOT NULL REFERENCES survey(id),
            contact_id bigint REFERENCES contact(id), kind text NOT NULL CHECK (kind IN ('personal', 'open')),
            token_sha256 text NOT NULL UNIQUE, created_at text NOT NULL, draft_json text, draft_page integer,
            draft_updated_at text, submitted_at text, response_id text, receipt_sha256 text UNIQUE)
        """,
        "CREATE UNIQUE INDEX invitation_contact ON invitation(survey_id, contact_id) WHERE contact_id IS NOT NULL",
        """
        CREATE TABLE open_link (
            survey_id text PRIMARY KEY REFERENCES survey(id), token_sha256 text NOT NULL UNIQUE, created_at text NOT NULL)
        """,
        """
        CREATE TABLE app_user (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE,
            role text NOT NULL CHECK (role IN ('admin', 'staff', 'researcher')), password_hash text NOT NULL,
            created_at text NOT NULL)
        """,
        """
        CREATE TABLE web_session (
            token_sha256 text PRIMARY KEY, user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
            csrf_token text NOT NULL, expires_at text NOT NULL)
        """,
        """
        CREATE TABLE response_edit (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, survey_id text NOT NULL, response_id text NOT NULL,
            actor text NOT NULL, at text NOT NULL, before_json text NOT NULL, after_json text NOT NULL)
        """,
        "CREATE INDEX response_edit_response ON response_edit(survey_id, response_id)"
    ]

    static var accounts: [PostgresQuery] {
        // The secret that signs form tokens, shared by every server on this database.
        let secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return [
            """
            UPDATE app_user SET name = lower(trim(name))
            WHERE name <> lower(trim(name))
              AND (SELECT count(*) FROM app_user other WHERE lower(trim(other.name)) = lower(trim(app_user.name))) = 1
            """,
            "ALTER TABLE app_user ADD COLUMN disabled_at text",
            // SQLite's rowid, which the sessions page names a session by.
            "ALTER TABLE web_session ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY UNIQUE",
            "ALTER TABLE web_session ADD COLUMN created_at text NOT NULL DEFAULT ''",
            "ALTER TABLE web_session ADD COLUMN client text NOT NULL DEFAULT ''",
            "ALTER TABLE web_session ADD COLUMN user_agent text NOT NULL DEFAULT ''",
            "CREATE INDEX web_session_user ON web_session(user_id)",
            """
            CREATE TABLE user_scope (
                user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
                kind text NOT NULL CHECK (kind IN ('region', 'survey')), value text NOT NULL, PRIMARY KEY (user_id, kind, value))
            """,
            "CREATE TABLE app_secret (name text PRIMARY KEY, value text NOT NULL)",
            "INSERT INTO app_secret (name, value) VALUES ('form-tokens', \(secret))"
        ]
    }

    static let privacy: [PostgresQuery] = [
        """
        CREATE TABLE erasure_log (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at text NOT NULL, actor text NOT NULL,
            kind text NOT NULL CHECK (kind IN ('contact', 'response', 'retention', 'unlink')), survey_id text,
            reason text NOT NULL, counts_json text NOT NULL)
        """,
        """
        CREATE TABLE survey_closing (
            survey_id text PRIMARY KEY REFERENCES survey(id), closed_at text, unlinked_at text)
        """,
        "ALTER TABLE invitation ADD COLUMN region_code text",
        "ALTER TABLE invitation ADD COLUMN approaches text",
        "ALTER TABLE invitation ADD COLUMN expired_at text",
        "ALTER TABLE response_edit ADD COLUMN details_erased_at text",
        "CREATE INDEX invitation_contact_id ON invitation(contact_id)"
    ]
}

import GRDB

extension AppDatabase {
    /// The schema, as migrations. A migration that has shipped is never edited; later issues append theirs.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(
                sql: """
                    CREATE TABLE region (
                        code TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        slug TEXT NOT NULL UNIQUE,
                        overseas INTEGER NOT NULL CHECK (overseas IN (0, 1)),
                        population INTEGER NOT NULL CHECK (population >= 0)
                    );
                    CREATE TABLE departement (
                        code TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        region_code TEXT NOT NULL REFERENCES region(code)
                    );
                    CREATE INDEX departement_region ON departement(region_code);
                    CREATE TABLE theme (
                        slug TEXT PRIMARY KEY NOT NULL,
                        label TEXT NOT NULL,
                        description TEXT NOT NULL
                    );
                    CREATE TABLE survey (
                        id TEXT PRIMARY KEY NOT NULL,
                        current_version TEXT NOT NULL
                    );
                    CREATE TABLE survey_version (
                        survey_id TEXT NOT NULL REFERENCES survey(id),
                        version TEXT NOT NULL,
                        title TEXT NOT NULL,
                        source TEXT NOT NULL,
                        source_sha256 TEXT NOT NULL,
                        PRIMARY KEY (survey_id, version)
                    );
                    CREATE TABLE codebook (
                        id TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        title TEXT NOT NULL,
                        description TEXT NOT NULL,
                        levels_json TEXT NOT NULL,
                        source_sha256 TEXT NOT NULL,
                        PRIMARY KEY (id, version)
                    );
                    CREATE TABLE criterion (
                        codebook_id TEXT NOT NULL,
                        codebook_version INTEGER NOT NULL,
                        code TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        label TEXT NOT NULL,
                        definition TEXT NOT NULL,
                        anchors_json TEXT NOT NULL,
                        definition_sha256 TEXT NOT NULL,
                        PRIMARY KEY (codebook_id, codebook_version, code),
                        FOREIGN KEY (codebook_id, codebook_version) REFERENCES codebook(id, version)
                    );
                    CREATE TABLE experience (
                        slug TEXT PRIMARY KEY NOT NULL,
                        title TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        region_code TEXT NOT NULL REFERENCES region(code),
                        departement_code TEXT NOT NULL REFERENCES departement(code),
                        territory_type TEXT NOT NULL CHECK (territory_type IN ('qpv', 'rural', 'urbain', 'mixte')),
                        lead_structure TEXT NOT NULL,
                        partners_json TEXT NOT NULL,
                        summary TEXT NOT NULL,
                        body TEXT NOT NULL,
                        content_sha256 TEXT NOT NULL
                    );
                    CREATE INDEX experience_region ON experience(region_code);
                    CREATE TABLE experience_approach (
                        experience_slug TEXT NOT NULL REFERENCES experience(slug) ON DELETE CASCADE,
                        approach TEXT NOT NULL CHECK (approach IN ('cls', 'clsm', 'asv')),
                        PRIMARY KEY (experience_slug, approach)
                    );
                    CREATE TABLE experience_theme (
                        experience_slug TEXT NOT NULL REFERENCES experience(slug) ON DELETE CASCADE,
                        theme_slug TEXT NOT NULL REFERENCES theme(slug),
                        PRIMARY KEY (experience_slug, theme_slug)
                    );
                    CREATE INDEX experience_theme_theme ON experience_theme(theme_slug);
                    """)
        }
        migrator.registerMigration("v2-responses") { db in
            // Each survey's responses live in a table of their own, one column per answer variable,
            // created and widened by `ensureResponseTable`. These two tables record that layout.
            try db.execute(
                sql: """
                    CREATE TABLE response_table (
                        survey_id TEXT PRIMARY KEY NOT NULL REFERENCES survey(id),
                        table_name TEXT NOT NULL UNIQUE
                    );
                    CREATE TABLE response_column (
                        survey_id TEXT NOT NULL REFERENCES response_table(survey_id),
                        name TEXT NOT NULL,
                        affinity TEXT NOT NULL CHECK (affinity IN ('TEXT', 'INTEGER', 'REAL', 'NUMERIC')),
                        position INTEGER NOT NULL,
                        PRIMARY KEY (survey_id, name)
                    );
                    """)
        }
        migrator.registerMigration("v3-experience-search") { db in
            // Full-text search over the fiches, accent-insensitive: "sante mentale" finds "santé mentale".
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE experience_fts USING fts5(
                        slug UNINDEXED, title, summary, body, lead_structure, partners,
                        tokenize = 'unicode61 remove_diacritics 2'
                    );
                    INSERT INTO experience_fts (slug, title, summary, body, lead_structure, partners)
                        SELECT slug, title, summary, body, lead_structure, partners_json FROM experience;
                    """)
        }
        migrator.registerMigration("v4-codings") { db in
            try db.execute(
                sql: """
                    CREATE TABLE coding (
                        experience_slug TEXT NOT NULL REFERENCES experience(slug),
                        criterion_code TEXT NOT NULL,
                        coder TEXT NOT NULL,
                        consensus INTEGER NOT NULL DEFAULT 0 CHECK (consensus IN (0, 1)),
                        codebook_id TEXT NOT NULL,
                        codebook_version INTEGER NOT NULL,
                        level INTEGER NOT NULL,
                        memo TEXT NOT NULL DEFAULT '',
                        excerpts_json TEXT NOT NULL DEFAULT '[]',
                        PRIMARY KEY (experience_slug, criterion_code, coder, consensus),
                        FOREIGN KEY (codebook_id, codebook_version) REFERENCES codebook(id, version)
                    );
                    CREATE TABLE coding_assignment (
                        experience_slug TEXT NOT NULL REFERENCES experience(slug),
                        coder TEXT NOT NULL,
                        PRIMARY KEY (experience_slug, coder)
                    );
                    CREATE TABLE coding_audit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        experience_slug TEXT NOT NULL,
                        criterion_code TEXT NOT NULL,
                        coder TEXT NOT NULL,
                        consensus INTEGER NOT NULL,
                        before_json TEXT,
                        after_json TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        at TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v5-web") { db in
            try db.execute(
                sql: """
                    CREATE TABLE contact (
                        id INTEGER PRIMARY KEY,
                        email TEXT NOT NULL COLLATE NOCASE UNIQUE,
                        name TEXT NOT NULL,
                        organisation TEXT NOT NULL DEFAULT '',
                        role TEXT NOT NULL DEFAULT '',
                        region_code TEXT,
                        departement_code TEXT,
                        approaches TEXT NOT NULL DEFAULT ''
                    );
                    CREATE TABLE invitation (
                        id INTEGER PRIMARY KEY,
                        survey_id TEXT NOT NULL REFERENCES survey(id),
                        contact_id INTEGER REFERENCES contact(id),
                        kind TEXT NOT NULL CHECK (kind IN ('personal', 'open')),
                        token_sha256 TEXT NOT NULL UNIQUE,
                        created_at TEXT NOT NULL,
                        draft_json TEXT,
                        draft_page INTEGER,
                        draft_updated_at TEXT,
                        submitted_at TEXT,
                        response_id TEXT,
                        receipt_sha256 TEXT UNIQUE
                    );
                    CREATE UNIQUE INDEX invitation_contact ON invitation(survey_id, contact_id) WHERE contact_id IS NOT NULL;
                    CREATE TABLE open_link (
                        survey_id TEXT PRIMARY KEY NOT NULL REFERENCES survey(id),
                        token_sha256 TEXT NOT NULL UNIQUE,
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE app_user (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'researcher')),
                        password_hash TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE web_session (
                        token_sha256 TEXT PRIMARY KEY NOT NULL,
                        user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
                        csrf_token TEXT NOT NULL,
                        expires_at TEXT NOT NULL
                    );
                    CREATE TABLE response_edit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        survey_id TEXT NOT NULL,
                        response_id TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        at TEXT NOT NULL,
                        before_json TEXT NOT NULL,
                        after_json TEXT NOT NULL
                    );
                    CREATE INDEX response_edit_response ON response_edit(survey_id, response_id);
                    """)
        }
        migrator.registerMigration("v6-accounts") { db in
            // Account names are compared lower-cased and trimmed from now on: existing names are
            // brought to that form unless two of them would then collide (those keep theirs, and
            // `user list` shows them for an admin to rename).
            try db.execute(
                sql: """
                    UPDATE app_user SET name = lower(trim(name))
                    WHERE name <> lower(trim(name))
                      AND (SELECT count(*) FROM app_user other WHERE lower(trim(other.name)) = lower(trim(app_user.name))) = 1;
                    ALTER TABLE app_user ADD COLUMN disabled_at TEXT;
                    ALTER TABLE web_session ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
                    ALTER TABLE web_session ADD COLUMN client TEXT NOT NULL DEFAULT '';
                    ALTER TABLE web_session ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
                    CREATE INDEX web_session_user ON web_session(user_id);
                    CREATE TABLE user_scope (
                        user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL CHECK (kind IN ('region', 'survey')),
                        value TEXT NOT NULL,
                        PRIMARY KEY (user_id, kind, value)
                    );
                    CREATE TABLE app_secret (
                        name TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );
                    INSERT INTO app_secret (name, value) VALUES ('form-tokens', lower(hex(randomblob(32))));
                    """)
        }
        migrator.registerMigration("v7-privacy") { db in
            // RGPD: the record of erasures (what kind, when, by whom, why; never the erased data), a
            // survey's closing, the region and approaches an invitation keeps once it is unlinked
            // from its contact (for response rates), when an unused invitation expired (its row
            // stays, so rates keep counting it), and the tombstone of an edit's erased details.
            try db.execute(
                sql: """
                    CREATE TABLE erasure_log (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('contact', 'response', 'retention', 'unlink')),
                        survey_id TEXT,
                        reason TEXT NOT NULL,
                        counts_json TEXT NOT NULL
                    );
                    CREATE TABLE survey_closing (
                        survey_id TEXT PRIMARY KEY NOT NULL REFERENCES survey(id),
                        closed_at TEXT,
                        unlinked_at TEXT
                    );
                    ALTER TABLE invitation ADD COLUMN region_code TEXT;
                    ALTER TABLE invitation ADD COLUMN approaches TEXT;
                    ALTER TABLE invitation ADD COLUMN expired_at TEXT;
                    ALTER TABLE response_edit ADD COLUMN details_erased_at TEXT;
                    CREATE INDEX invitation_contact_id ON invitation(contact_id);
                    """)
        }
        return migrator
    }
}

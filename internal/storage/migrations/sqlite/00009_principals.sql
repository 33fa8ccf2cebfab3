-- +goose Up
-- Principals (issue 8): sessions and API tokens belong to a principal
-- (professional, family member or system), and audit entries record their
-- format version and principal. Existing rows belong to professionals; existing
-- audit entries are format version 1 and keep their hashes.
--
-- SQLite cannot drop NOT NULL from a column, so sessions and api_tokens are
-- rebuilt with the same columns in the same order as PostgreSQL's ALTERs give.
CREATE TABLE sessions_new (
    id_hash         TEXT PRIMARY KEY,
    professional_id INTEGER REFERENCES professionals(id) ON DELETE CASCADE,
    created_at      TIMESTAMP NOT NULL,
    last_seen_at    TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    principal_kind  TEXT NOT NULL DEFAULT 'professional' CHECK (principal_kind IN ('professional', 'family_member', 'system')),
    principal_id    INTEGER NOT NULL,
    CONSTRAINT sessions_professional_principal CHECK ((principal_kind = 'professional') = (professional_id IS NOT NULL)
        AND (professional_id IS NULL OR principal_id = professional_id))
);
INSERT INTO sessions_new (id_hash, professional_id, created_at, last_seen_at, expires_at, principal_kind, principal_id)
    SELECT id_hash, professional_id, created_at, last_seen_at, expires_at, 'professional', professional_id FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_professional ON sessions(professional_id);
CREATE INDEX sessions_principal ON sessions(principal_kind, principal_id);

CREATE TABLE api_tokens_new (
    id              INTEGER PRIMARY KEY,
    professional_id INTEGER REFERENCES professionals(id) ON DELETE CASCADE,
    name            TEXT NOT NULL DEFAULT '',
    token_hash      TEXT NOT NULL UNIQUE,
    created_at      TIMESTAMP NOT NULL,
    revoked_at      TIMESTAMP,
    last_used_at    TIMESTAMP,
    principal_kind  TEXT NOT NULL DEFAULT 'professional' CHECK (principal_kind IN ('professional', 'family_member', 'system')),
    principal_id    INTEGER NOT NULL,
    CONSTRAINT api_tokens_professional_principal CHECK ((principal_kind = 'professional') = (professional_id IS NOT NULL)
        AND (professional_id IS NULL OR principal_id = professional_id))
);
INSERT INTO api_tokens_new (id, professional_id, name, token_hash, created_at, revoked_at, last_used_at, principal_kind, principal_id)
    SELECT id, professional_id, name, token_hash, created_at, revoked_at, last_used_at, 'professional', professional_id FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
CREATE INDEX api_tokens_principal ON api_tokens(principal_kind, principal_id);

-- Adding columns with defaults changes no stored row: the append-only
-- triggers stay and every existing entry reads as version 1.
ALTER TABLE audit_log ADD COLUMN format_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_log ADD COLUMN principal_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN principal_id INTEGER;

-- +goose Down
ALTER TABLE audit_log DROP COLUMN principal_id;
ALTER TABLE audit_log DROP COLUMN principal_kind;
ALTER TABLE audit_log DROP COLUMN format_version;

DELETE FROM api_tokens WHERE professional_id IS NULL;
CREATE TABLE api_tokens_old (
    id              INTEGER PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    name            TEXT NOT NULL DEFAULT '',
    token_hash      TEXT NOT NULL UNIQUE,
    created_at      TIMESTAMP NOT NULL,
    revoked_at      TIMESTAMP,
    last_used_at    TIMESTAMP
);
INSERT INTO api_tokens_old (id, professional_id, name, token_hash, created_at, revoked_at, last_used_at)
    SELECT id, professional_id, name, token_hash, created_at, revoked_at, last_used_at FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_old RENAME TO api_tokens;

DELETE FROM sessions WHERE professional_id IS NULL;
CREATE TABLE sessions_old (
    id_hash         TEXT PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    created_at      TIMESTAMP NOT NULL,
    last_seen_at    TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL
);
INSERT INTO sessions_old (id_hash, professional_id, created_at, last_seen_at, expires_at)
    SELECT id_hash, professional_id, created_at, last_seen_at, expires_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_old RENAME TO sessions;
CREATE INDEX sessions_professional ON sessions(professional_id);

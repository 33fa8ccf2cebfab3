-- +goose Up
CREATE TABLE regions (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    region_id  INTEGER NOT NULL REFERENCES regions(id),
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (region_id, name)
);

CREATE TABLE professionals (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    team            TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    password_hash   TEXT NOT NULL DEFAULT '',
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TIMESTAMP,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX professionals_organisation ON professionals(organisation_id);

CREATE TABLE professional_roles (
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    role            TEXT NOT NULL,
    PRIMARY KEY (professional_id, role)
);

CREATE TABLE professional_expertises (
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    expertise       TEXT NOT NULL,
    PRIMARY KEY (professional_id, expertise)
);

CREATE TABLE duty_shifts (
    id              INTEGER PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    starts_at       TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX duty_shifts_time ON duty_shifts(starts_at, ends_at);

CREATE TABLE sessions (
    id_hash         TEXT PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    created_at      TIMESTAMP NOT NULL,
    last_seen_at    TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL
);
CREATE INDEX sessions_professional ON sessions(professional_id);

CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    name            TEXT NOT NULL DEFAULT '',
    token_hash      TEXT NOT NULL UNIQUE,
    created_at      TIMESTAMP NOT NULL,
    revoked_at      TIMESTAMP,
    last_used_at    TIMESTAMP
);

-- The audit trail (NEN 7513). audit_head holds the sequence number and hash
-- of the last entry; updating it in the same transaction as the insert
-- serialises writers so that the hash chain has no forks.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

CREATE TABLE audit_log (
    seq              INTEGER PRIMARY KEY,
    at               TIMESTAMP NOT NULL,
    event            TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    user_id          INTEGER,
    user_name        TEXT NOT NULL DEFAULT '',
    on_behalf_of     TEXT NOT NULL DEFAULT '',
    organisation_id  INTEGER,
    role             TEXT NOT NULL DEFAULT '',
    access_basis     TEXT NOT NULL DEFAULT '',
    emergency        BOOLEAN NOT NULL DEFAULT FALSE,
    emergency_reason TEXT NOT NULL DEFAULT '',
    client_addr      TEXT NOT NULL DEFAULT '',
    workstation      TEXT NOT NULL DEFAULT '',
    resource_type    TEXT NOT NULL DEFAULT '',
    resource_id      TEXT NOT NULL DEFAULT '',
    persons          TEXT NOT NULL DEFAULT '',
    detail           TEXT NOT NULL DEFAULT '',
    prev_hash        TEXT NOT NULL,
    hash             TEXT NOT NULL
);
CREATE INDEX audit_log_user ON audit_log(user_id, seq);
CREATE INDEX audit_log_organisation ON audit_log(organisation_id, seq);

CREATE TABLE audit_persons (
    person_id INTEGER NOT NULL,
    seq       INTEGER NOT NULL REFERENCES audit_log(seq),
    PRIMARY KEY (person_id, seq)
);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_persons;
DROP TABLE audit_log;
DROP TABLE audit_head;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE duty_shifts;
DROP TABLE professional_expertises;
DROP TABLE professional_roles;
DROP TABLE professionals;
DROP TABLE organisations;
DROP TABLE regions;

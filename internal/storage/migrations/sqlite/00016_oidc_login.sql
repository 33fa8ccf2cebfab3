-- +goose Up
-- Single sign-on per organisation with OpenID Connect (issue 12). An
-- organisation's administrator registers its identity provider; the client
-- secret itself is never stored, only where Schakel finds it (an environment
-- variable or a file in the configured secrets directory).
CREATE TABLE identity_providers (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL UNIQUE REFERENCES organisations(id),
    issuer          TEXT NOT NULL,
    client_id       TEXT NOT NULL,
    secret_ref      TEXT NOT NULL,
    claim           TEXT NOT NULL,
    match_on        TEXT NOT NULL CHECK (match_on IN ('email', 'employee_number')),
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

-- An e-mail domain routes to one provider only.
CREATE TABLE identity_provider_domains (
    domain      TEXT PRIMARY KEY,
    provider_id INTEGER NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE
);
CREATE INDEX identity_provider_domains_provider ON identity_provider_domains(provider_id);

-- A professional's identity at their organisation's provider, linked once at
-- the first login; afterwards the subject alone finds the professional.
CREATE TABLE professional_identities (
    provider_id     INTEGER NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
    subject         TEXT NOT NULL,
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    linked_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (provider_id, subject),
    UNIQUE (provider_id, professional_id)
);
CREATE INDEX professional_identities_professional ON professional_identities(professional_id);

-- A login at a provider in progress: kept by the hash of its state, used
-- once. The PKCE verifier lives only in the browser's cookie.
CREATE TABLE oidc_flows (
    state_hash  TEXT PRIMARY KEY,
    provider_id INTEGER NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
    nonce_hash  TEXT NOT NULL,
    next_path   TEXT NOT NULL DEFAULT '/',
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL
);
CREATE INDEX oidc_flows_expires ON oidc_flows(expires_at);

-- The employee number a provider's claim may carry instead of the e-mail
-- address; unique within an organisation when set.
ALTER TABLE professionals ADD COLUMN employee_number TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX professionals_employee_number ON professionals(organisation_id, employee_number) WHERE employee_number <> '';

-- How a session began, and from where: shown to its owner, and needed to end
-- it at the provider too. Removing a provider ends its sessions explicitly.
ALTER TABLE sessions ADD COLUMN login_method TEXT NOT NULL DEFAULT 'password' CHECK (login_method IN ('password', 'oidc'));
ALTER TABLE sessions ADD COLUMN identity_provider_id INTEGER;
ALTER TABLE sessions ADD COLUMN client_addr TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
-- A handle to name a session on the screen that lists them (never its
-- secret); sessions that exist already get one from their hash.
ALTER TABLE sessions ADD COLUMN handle TEXT NOT NULL DEFAULT '';
UPDATE sessions SET handle = substr(id_hash, 1, 32);
CREATE INDEX sessions_handle ON sessions(handle);

-- +goose Down
DROP INDEX sessions_handle;
ALTER TABLE sessions DROP COLUMN handle;
ALTER TABLE sessions DROP COLUMN user_agent;
ALTER TABLE sessions DROP COLUMN client_addr;
ALTER TABLE sessions DROP COLUMN identity_provider_id;
ALTER TABLE sessions DROP COLUMN login_method;
DROP INDEX professionals_employee_number;
ALTER TABLE professionals DROP COLUMN employee_number;
DROP TABLE oidc_flows;
DROP TABLE professional_identities;
DROP TABLE identity_provider_domains;
DROP TABLE identity_providers;

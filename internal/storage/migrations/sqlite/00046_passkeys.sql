-- +goose Up
-- Passkeys (WebAuthn) as a second factor for local accounts (issue 12),
-- beside the authenticator app and the recovery codes.

-- A professional's passkeys. credential is the WebAuthn library's record of
-- it (public key, flags, AAGUID, attestation) as JSON; sign_count and
-- clone_warning are kept beside it for the screens: a counter that went
-- back marks a possible copy of the authenticator.
CREATE TABLE passkeys (
    id              INTEGER PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    credential_id   TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    credential      TEXT NOT NULL,
    sign_count      INTEGER NOT NULL DEFAULT 0,
    clone_warning   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP NOT NULL,
    last_used_at    TIMESTAMP
);
CREATE INDEX passkeys_professional ON passkeys(professional_id);

-- A WebAuthn ceremony under way: the challenge and what the library needs
-- to check the answer, kept on the server and bound to the session, API
-- token or waiting login it was begun for (by the hash of its secret). One
-- per owner and purpose; taken (deleted) by the first answer, and short-lived.
CREATE TABLE passkey_ceremonies (
    owner_hash      TEXT NOT NULL,
    purpose         TEXT NOT NULL CHECK (purpose IN ('register', 'login', 'step_up')),
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    session_data    TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (owner_hash, purpose)
);
CREATE INDEX passkey_ceremonies_professional ON passkey_ceremonies(professional_id);

-- +goose Down
DROP INDEX passkey_ceremonies_professional;
DROP TABLE passkey_ceremonies;
DROP INDEX passkeys_professional;
DROP TABLE passkeys;

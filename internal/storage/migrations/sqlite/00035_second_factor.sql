-- +goose Up
-- A second factor for local accounts (issue 12): an authenticator app
-- (TOTP, RFC 6238) and one-time recovery codes.

-- One app per professional. secret is the confirmed key; last_step is the
-- time step of the last code accepted, moved forward with a compare-and-set
-- so that no code passes twice. pending_secret is a new key shown on the
-- enrolment screen and not yet confirmed with a code.
CREATE TABLE totp_factors (
    professional_id INTEGER PRIMARY KEY REFERENCES professionals(id) ON DELETE CASCADE,
    secret          TEXT NOT NULL DEFAULT '',
    confirmed_at    TIMESTAMP,
    last_step       INTEGER NOT NULL DEFAULT 0,
    pending_secret  TEXT NOT NULL DEFAULT '',
    pending_at      TIMESTAMP
);

-- Ten recovery codes, stored by their hash; each works once.
CREATE TABLE recovery_codes (
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    code_hash       TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    used_at         TIMESTAMP,
    PRIMARY KEY (professional_id, code_hash)
);

-- A login whose password was right and that waits for its second factor
-- (verify), or for enrolment when the organisation requires one (enrol).
-- Kept by the hash of the browser's secret, for a few minutes; a few wrong
-- codes end it.
CREATE TABLE login_challenges (
    id_hash         TEXT PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    purpose         TEXT NOT NULL CHECK (purpose IN ('verify', 'enrol')),
    failures        INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL
);
CREATE INDEX login_challenges_professional ON login_challenges(professional_id);

-- An organisation may require a second factor for its local accounts.
ALTER TABLE organisations ADD COLUMN second_factor_required BOOLEAN NOT NULL DEFAULT FALSE;

-- Which second factor a session was opened or last confirmed with, and when:
-- the strength of the login, and the clock of step-up.
ALTER TABLE sessions ADD COLUMN second_factor TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN factor_at TIMESTAMP;

-- +goose Down
ALTER TABLE sessions DROP COLUMN factor_at;
ALTER TABLE sessions DROP COLUMN second_factor;
ALTER TABLE organisations DROP COLUMN second_factor_required;
DROP INDEX login_challenges_professional;
DROP TABLE login_challenges;
DROP TABLE recovery_codes;
DROP TABLE totp_factors;

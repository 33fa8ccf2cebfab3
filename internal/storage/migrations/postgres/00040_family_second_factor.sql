-- +goose Up
-- A second factor for family members (issue 12, item 6): the activation
-- code their contact professional hands them plus an authenticator app,
-- with one-time recovery codes.

-- The confirmed app key of an account and the time step of the last code
-- accepted (moved forward with a compare-and-set against replay).
ALTER TABLE family_accounts ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE family_accounts ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Ten recovery codes per account, stored by their hash; each works once.
CREATE TABLE family_recovery_codes (
    account_id BIGINT NOT NULL REFERENCES family_accounts(id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    PRIMARY KEY (account_id, code_hash)
);

-- A family login that waits for its second factor (verify) or for setting
-- up the app (enrol). An activation waits here too: the code is used, and
-- the chosen username and password hash are set, only in the transaction
-- that confirms the app, so a half-done activation spends nothing.
CREATE TABLE family_login_challenges (
    id_hash        TEXT PRIMARY KEY,
    account_id     BIGINT NOT NULL REFERENCES family_accounts(id) ON DELETE CASCADE,
    purpose        TEXT NOT NULL CHECK (purpose IN ('verify', 'enrol')),
    invitation_id  BIGINT REFERENCES family_invitations(id),
    username       TEXT NOT NULL DEFAULT '',
    password_hash  TEXT NOT NULL DEFAULT '',
    pending_secret TEXT NOT NULL DEFAULT '',
    failures       INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX family_login_challenges_account ON family_login_challenges(account_id);

-- +goose Down
DROP INDEX family_login_challenges_account;
DROP TABLE family_login_challenges;
DROP TABLE family_recovery_codes;
ALTER TABLE family_accounts DROP COLUMN totp_last_step;
ALTER TABLE family_accounts DROP COLUMN totp_secret;

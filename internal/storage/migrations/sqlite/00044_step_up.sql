-- +goose Up
-- Step-up for the riskiest acts (issue 12): a session or an API token
-- shows its second factor again, and the login's strength is kept for the
-- audit trail.

-- What the organisation's provider said of a login: its authentication
-- context class and methods (acr, amr), kept for the audit trail.
ALTER TABLE sessions ADD COLUMN acr TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN amr TEXT NOT NULL DEFAULT '';
-- Wrong step-up codes in a row: a few end the session, so that a stolen
-- session cannot guess its way to a code.
ALTER TABLE sessions ADD COLUMN step_up_failures INTEGER NOT NULL DEFAULT 0;

-- An API token steps up with POST /api/v1/session/step-up, as a session does.
ALTER TABLE api_tokens ADD COLUMN second_factor TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN factor_at TIMESTAMP;
ALTER TABLE api_tokens ADD COLUMN step_up_failures INTEGER NOT NULL DEFAULT 0;

-- A login at the provider that steps up a session instead of opening one:
-- the hash of that session's secret ('' for an ordinary login).
ALTER TABLE oidc_flows ADD COLUMN step_up_session TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE oidc_flows DROP COLUMN step_up_session;
ALTER TABLE api_tokens DROP COLUMN step_up_failures;
ALTER TABLE api_tokens DROP COLUMN factor_at;
ALTER TABLE api_tokens DROP COLUMN second_factor;
ALTER TABLE sessions DROP COLUMN step_up_failures;
ALTER TABLE sessions DROP COLUMN amr;
ALTER TABLE sessions DROP COLUMN acr;

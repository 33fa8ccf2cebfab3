-- +goose Up
-- Login limits (issue 9): token buckets keyed by a hash of the client
-- address, and of the typed e-mail address with the client address, so that
-- several servers on one database share them (internal/loginguard). They
-- replace the per-account lockout, which let anyone lock every account.
CREATE TABLE login_limits (
    bucket  TEXT PRIMARY KEY,
    full_at TIMESTAMP NOT NULL
);
CREATE INDEX login_limits_full_at ON login_limits(full_at);
ALTER TABLE professionals DROP COLUMN failed_logins;
ALTER TABLE professionals DROP COLUMN locked_until;

-- +goose Down
ALTER TABLE professionals ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE professionals ADD COLUMN locked_until TIMESTAMP;
DROP TABLE login_limits;

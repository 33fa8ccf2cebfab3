-- +goose Up
-- Indexes the login plan tests found missing (storage/login_plans_test.go,
-- storage/family_login_plans_test.go). Every password login of a
-- professional with a second factor, every passkey ceremony and every
-- family login first deletes the waiting logins that expired, as the
-- OIDC flows (oidc_flows_expires) and sessions (sessions_expires) do. The
-- table holds every waiting login of the country: without an index each
-- login read all of them, so a morning's burst of logins read the burst
-- over and over.
CREATE INDEX login_challenges_expires ON login_challenges(expires_at);
CREATE INDEX passkey_ceremonies_expires ON passkey_ceremonies(expires_at);
CREATE INDEX family_login_challenges_expires ON family_login_challenges(expires_at);

-- +goose Down
DROP INDEX family_login_challenges_expires;
DROP INDEX passkey_ceremonies_expires;
DROP INDEX login_challenges_expires;

-- +goose Up
-- Indexes the account security plan tests found missing
-- (storage/account_security_plans_test.go). Ending an organisation's
-- single sign-on, or changing its provider's issuer or claim, ends the
-- sessions that began at the provider: that delete read every session of
-- the country, and deleting the provider cascaded to the logins at it in
-- progress by reading every one of them. Only sessions that began at a
-- provider are indexed.
CREATE INDEX sessions_identity_provider ON sessions(identity_provider_id) WHERE identity_provider_id IS NOT NULL;
CREATE INDEX oidc_flows_provider ON oidc_flows(provider_id);

-- +goose Down
DROP INDEX oidc_flows_provider;
DROP INDEX sessions_identity_provider;

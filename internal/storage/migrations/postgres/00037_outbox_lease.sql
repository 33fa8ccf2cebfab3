-- +goose Up
-- A message is claimed for delivery until claimed_until: several serve
-- processes on one database each send the outbox, and only the one whose
-- claim succeeded sends a message while the claim lasts. A process that
-- dies mid-delivery leaves the claim to run out; then another sends it.
ALTER TABLE outbox ADD COLUMN claimed_until TIMESTAMPTZ;

-- +goose Down
ALTER TABLE outbox DROP COLUMN claimed_until;

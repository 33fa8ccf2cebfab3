-- +goose Up
-- Invited means taking part (issue 10): accepted_at records that the
-- invitee said yes; their organisation then takes part in the case with
-- the role its kind has at that table.
ALTER TABLE consultation_participants ADD COLUMN accepted_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE consultation_participants DROP COLUMN accepted_at;

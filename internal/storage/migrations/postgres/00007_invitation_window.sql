-- +goose Up
-- Need-to-know (issue 8): an invitation gives access only until the
-- invitee declines, the consultation is cancelled, or a while after it was
-- held. declined_at records the invitee's refusal, with a reason.
ALTER TABLE consultation_participants ADD COLUMN declined_at TIMESTAMPTZ;
ALTER TABLE consultation_participants ADD COLUMN decline_reason TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE consultation_participants DROP COLUMN decline_reason;
ALTER TABLE consultation_participants DROP COLUMN declined_at;

-- +goose Up
-- Moving or cancelling a planned conversation with the family (issue 13):
-- the calendar file counts its versions (SEQUENCE), the family sees where
-- it moved from or that it does not go ahead, and why.
ALTER TABLE family_meetings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE family_meetings ADD COLUMN moved_from TIMESTAMPTZ;
ALTER TABLE family_meetings ADD COLUMN cancelled_at TIMESTAMPTZ;
ALTER TABLE family_meetings ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE family_meetings ADD COLUMN changed_by BIGINT REFERENCES professionals(id);

-- +goose Down
ALTER TABLE family_meetings DROP COLUMN changed_by;
ALTER TABLE family_meetings DROP COLUMN cancel_reason;
ALTER TABLE family_meetings DROP COLUMN cancelled_at;
ALTER TABLE family_meetings DROP COLUMN moved_from;
ALTER TABLE family_meetings DROP COLUMN sequence;

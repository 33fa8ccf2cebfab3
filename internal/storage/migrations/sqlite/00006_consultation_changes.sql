-- +goose Up
-- Moving and cancelling a consultation (issue 4): the calendar sequence
-- (each change sends an update of the same calendar event) and every
-- change with who made it and why.
ALTER TABLE consultations ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;

CREATE TABLE consultation_changes (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    kind            TEXT NOT NULL CHECK (kind IN ('moved', 'cancelled')),
    from_at         TIMESTAMP NOT NULL,
    to_at           TIMESTAMP,             -- moved: the new moment
    reason          TEXT NOT NULL,
    changed_by      INTEGER NOT NULL REFERENCES professionals(id),
    changed_at      TIMESTAMP NOT NULL
);
CREATE INDEX consultation_changes_consultation ON consultation_changes(consultation_id, id);

-- +goose Down
DROP TABLE consultation_changes;
ALTER TABLE consultations DROP COLUMN sequence;

-- +goose Up
-- Invitations held before they go out (issue 10): a red report's crisis
-- table is proposed at once, its invitations wait until
-- invitations_held_until (NULL once sent, or never held); meanwhile the
-- reporting intake worker may remove a need or add a person. Every change
-- to the proposed table, and the moment the invitations went out, is kept.
ALTER TABLE consultations ADD COLUMN invitations_held_until TIMESTAMP;
ALTER TABLE consultations ADD COLUMN invitations_sent_at TIMESTAMP;
CREATE INDEX consultations_held ON consultations(invitations_held_until);

CREATE TABLE consultation_table_changes (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    kind            TEXT NOT NULL CHECK (kind IN ('need_removed', 'person_added', 'sent')),
    need            TEXT NOT NULL DEFAULT '',
    professional_id INTEGER REFERENCES professionals(id),
    reason          TEXT NOT NULL DEFAULT '',
    changed_by      INTEGER REFERENCES professionals(id),
    changed_at      TIMESTAMP NOT NULL
);
CREATE INDEX consultation_table_changes_consultation ON consultation_table_changes(consultation_id, id);

-- +goose Down
DROP TABLE consultation_table_changes;
DROP INDEX consultations_held;
ALTER TABLE consultations DROP COLUMN invitations_sent_at;
ALTER TABLE consultations DROP COLUMN invitations_held_until;

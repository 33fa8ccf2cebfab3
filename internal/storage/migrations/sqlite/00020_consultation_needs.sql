-- +goose Up
-- A table you can defend (issue 10): every need of a consultation with the
-- rule behind it (which indicator, concern, answer or fact), its Dutch
-- reason and its urgency. urgent needs are filled at the crisis table;
-- can_follow needs wait for the follow-up MDO, which picks them up here.
CREATE TABLE consultation_needs (
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    need            TEXT NOT NULL,
    position        INTEGER NOT NULL,
    urgency         TEXT NOT NULL CHECK (urgency IN ('urgent', 'can_follow')),
    rules           TEXT NOT NULL,
    reason          TEXT NOT NULL,
    added_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (consultation_id, need)
);

-- +goose Down
DROP TABLE consultation_needs;

-- +goose Up
-- A table you can defend (issue 10): every need of a consultation with the
-- rule behind it (which indicator, concern, answer or fact), its Dutch
-- reason and its urgency. urgent needs are filled at the crisis table;
-- can_follow needs wait for the follow-up MDO, which picks them up here.
CREATE TABLE consultation_needs (
    consultation_id BIGINT NOT NULL REFERENCES consultations(id),
    need            TEXT NOT NULL,
    position        INTEGER NOT NULL,
    urgency         TEXT NOT NULL CHECK (urgency IN ('urgent', 'can_follow')),
    rules           TEXT NOT NULL,
    reason          TEXT NOT NULL,
    added_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consultation_id, need)
);

-- The Raad's own route (issue 10): besides a request for an investigation
-- and advice for voluntary help, urgent requests to the court and the
-- outcome of its own investigation.
ALTER TABLE raad_decisions DROP CONSTRAINT raad_decisions_kind_check;
ALTER TABLE raad_decisions ADD CONSTRAINT raad_decisions_kind_check CHECK (kind IN ('investigate_measure', 'no_measure_voluntary_help', 'urgent_supervision_order', 'urgent_placement_order', 'outcome_measure_requested', 'outcome_no_measure'));

-- +goose Down
DROP TABLE consultation_needs;
DELETE FROM raad_decisions WHERE kind NOT IN ('investigate_measure', 'no_measure_voluntary_help');
ALTER TABLE raad_decisions DROP CONSTRAINT raad_decisions_kind_check;
ALTER TABLE raad_decisions ADD CONSTRAINT raad_decisions_kind_check CHECK (kind IN ('investigate_measure', 'no_measure_voluntary_help'));

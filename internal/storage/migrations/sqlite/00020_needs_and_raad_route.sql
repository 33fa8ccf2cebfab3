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

-- The Raad's own route (issue 10): besides a request for an investigation
-- and advice for voluntary help, urgent requests to the court and the
-- outcome of its own investigation. SQLite cannot change a CHECK, so the
-- table is rebuilt; nothing refers to it.
CREATE TABLE raad_decisions_new (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    kind            TEXT NOT NULL CHECK (kind IN ('investigate_measure', 'no_measure_voluntary_help', 'urgent_supervision_order', 'urgent_placement_order', 'outcome_measure_requested', 'outcome_no_measure')),
    reason          TEXT NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    created_at      TIMESTAMP NOT NULL
);
INSERT INTO raad_decisions_new SELECT id, case_id, kind, reason, organisation_id, professional_id, created_at FROM raad_decisions;
DROP TABLE raad_decisions;
ALTER TABLE raad_decisions_new RENAME TO raad_decisions;
CREATE INDEX raad_decisions_case ON raad_decisions(case_id, id);

-- +goose Down
DROP TABLE consultation_needs;
DELETE FROM raad_decisions WHERE kind NOT IN ('investigate_measure', 'no_measure_voluntary_help');
CREATE TABLE raad_decisions_old (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    kind            TEXT NOT NULL CHECK (kind IN ('investigate_measure', 'no_measure_voluntary_help')),
    reason          TEXT NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    created_at      TIMESTAMP NOT NULL
);
INSERT INTO raad_decisions_old SELECT id, case_id, kind, reason, organisation_id, professional_id, created_at FROM raad_decisions;
DROP TABLE raad_decisions;
ALTER TABLE raad_decisions_old RENAME TO raad_decisions;
CREATE INDEX raad_decisions_case ON raad_decisions(case_id, id);

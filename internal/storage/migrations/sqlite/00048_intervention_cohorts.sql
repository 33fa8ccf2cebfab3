-- +goose Up
-- Intervention cohorts (issue 14, item 6): a cohort may name which of the
-- four interventions of article 001 it tries (extra staff, support work,
-- care coordinators, placement-prevention meetings) and from when, and
-- take in whole teams or single workers besides tagged cases: a case held
-- by one of them belongs to the cohort. The dashboard compares the cohort
-- with the rest of the region over the same period.
ALTER TABLE cohorts ADD COLUMN intervention TEXT NOT NULL DEFAULT ''
    CHECK (intervention IN ('', 'extra_staff', 'support_work', 'care_coordinators', 'prevention_meetings'));
-- The intervention's first day (midnight Europe/Amsterdam); NULL: none given.
ALTER TABLE cohorts ADD COLUMN starts_at TIMESTAMP;
CREATE TABLE cohort_teams (
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    team_id   INTEGER NOT NULL REFERENCES teams(id),
    added_by  INTEGER REFERENCES professionals(id),
    added_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (cohort_id, team_id)
);
CREATE TABLE cohort_workers (
    cohort_id       INTEGER NOT NULL REFERENCES cohorts(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    added_by        INTEGER REFERENCES professionals(id),
    added_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (cohort_id, professional_id)
);

-- +goose Down
DROP TABLE cohort_workers;
DROP TABLE cohort_teams;
ALTER TABLE cohorts DROP COLUMN starts_at;
ALTER TABLE cohorts DROP COLUMN intervention;

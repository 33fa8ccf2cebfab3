-- +goose Up
-- Monthly roll-ups that the dashboards read instead of every phase run and
-- chain event (issue 5). They are kept up to date in the transaction that
-- changes the runs or events (internal/storage/chain_rollup.go); a period's
-- whole months come from here, its partial first and last month, and any
-- municipality, organisation or cohort filter, from the detail tables.

-- Done phase runs per region, month of ending, phase and duration bucket.
-- region_id 0 holds the whole country, so that the national view reads
-- one row per month, phase and bucket.
CREATE TABLE phase_rollup (
    region_id INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    phase     INTEGER NOT NULL,
    bucket    INTEGER NOT NULL,
    n         INTEGER NOT NULL, -- runs
    within    INTEGER NOT NULL, -- runs within the norm
    judged    INTEGER NOT NULL, -- runs with a norm
    PRIMARY KEY (region_id, end_month, phase, bucket)
) WITHOUT ROWID;

-- The lead-time figures group by phase and bucket: this order streams them
-- without sorting, reading the months of the period within each group.
CREATE INDEX phase_rollup_phase ON phase_rollup(region_id, phase, bucket, end_month, n, within, judged);

-- Effective reports, placements and court orders per month, type, region,
-- organisation (0: recorded by Schakel itself) and municipality.
CREATE TABLE event_rollup (
    month           INTEGER NOT NULL,
    type            TEXT NOT NULL,
    region_id       INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL,
    municipality    TEXT NOT NULL,
    n               INTEGER NOT NULL,
    repeats         INTEGER NOT NULL, -- repeat reports within 12 months
    screened        INTEGER NOT NULL, -- money questions asked
    debts           INTEGER NOT NULL,
    PRIMARY KEY (month, type, region_id, organisation_id, municipality)
) WITHOUT ROWID;

-- What already exists.
INSERT INTO phase_rollup (region_id, end_month, phase, bucket, n, within, judged)
    SELECT region_id, end_month, phase, bucket, COUNT(*), COALESCE(SUM(within), 0), COUNT(within)
    FROM case_phases WHERE status = 1 GROUP BY region_id, end_month, phase, bucket;
INSERT INTO phase_rollup (region_id, end_month, phase, bucket, n, within, judged)
    SELECT 0, end_month, phase, bucket, SUM(n), SUM(within), SUM(judged)
    FROM phase_rollup WHERE region_id <> 0 GROUP BY end_month, phase, bucket;
INSERT INTO event_rollup (month, type, region_id, organisation_id, municipality, n, repeats, screened, debts)
    SELECT month, type, region_id, COALESCE(organisation_id, 0), municipality, COUNT(*),
        SUM(CASE WHEN (flags & 1) <> 0 THEN 1 ELSE 0 END), SUM(CASE WHEN (flags & 2) <> 0 THEN 1 ELSE 0 END),
        SUM(CASE WHEN (flags & 4) <> 0 THEN 1 ELSE 0 END)
    FROM chain_events WHERE type IN ('report_received', 'placement', 'court_order') AND superseded = FALSE AND withdrawn = FALSE
    GROUP BY month, type, region_id, COALESCE(organisation_id, 0), municipality;

-- +goose Down
DROP TABLE event_rollup;
DROP TABLE phase_rollup;

-- +goose Up
-- Roll-up rows striped over shards (issue 11): see the PostgreSQL
-- migration. SQLite has one writer at a time, so its transactions always
-- write shard 0; the column keeps both schemas and every reader the same.
-- A WITHOUT ROWID table's primary key cannot be altered: the tables are
-- made again.
CREATE TABLE phase_rollup_striped (
    region_id INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    phase     INTEGER NOT NULL,
    bucket    INTEGER NOT NULL,
    n         INTEGER NOT NULL, -- runs
    within    INTEGER NOT NULL, -- runs within the norm
    judged    INTEGER NOT NULL, -- runs with a norm
    shard     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (region_id, end_month, phase, bucket, shard)
) WITHOUT ROWID;
INSERT INTO phase_rollup_striped (region_id, end_month, phase, bucket, n, within, judged)
    SELECT region_id, end_month, phase, bucket, n, within, judged FROM phase_rollup;
DROP TABLE phase_rollup;
ALTER TABLE phase_rollup_striped RENAME TO phase_rollup;
CREATE INDEX phase_rollup_phase ON phase_rollup(region_id, phase, bucket, end_month, n, within, judged);

CREATE TABLE event_rollup_striped (
    month           INTEGER NOT NULL,
    type            TEXT NOT NULL,
    region_id       INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL,
    municipality    TEXT NOT NULL,
    n               INTEGER NOT NULL,
    repeats         INTEGER NOT NULL, -- repeat reports within 12 months
    screened        INTEGER NOT NULL, -- money questions asked
    debts           INTEGER NOT NULL,
    shard           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, type, region_id, organisation_id, municipality, shard)
) WITHOUT ROWID;
INSERT INTO event_rollup_striped (month, type, region_id, organisation_id, municipality, n, repeats, screened, debts)
    SELECT month, type, region_id, organisation_id, municipality, n, repeats, screened, debts FROM event_rollup;
DROP TABLE event_rollup;
ALTER TABLE event_rollup_striped RENAME TO event_rollup;

-- +goose Down
CREATE TABLE phase_rollup_one (
    region_id INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    phase     INTEGER NOT NULL,
    bucket    INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    within    INTEGER NOT NULL,
    judged    INTEGER NOT NULL,
    PRIMARY KEY (region_id, end_month, phase, bucket)
) WITHOUT ROWID;
INSERT INTO phase_rollup_one (region_id, end_month, phase, bucket, n, within, judged)
    SELECT region_id, end_month, phase, bucket, SUM(n), SUM(within), SUM(judged)
    FROM phase_rollup GROUP BY region_id, end_month, phase, bucket;
DROP TABLE phase_rollup;
ALTER TABLE phase_rollup_one RENAME TO phase_rollup;
CREATE INDEX phase_rollup_phase ON phase_rollup(region_id, phase, bucket, end_month, n, within, judged);

CREATE TABLE event_rollup_one (
    month           INTEGER NOT NULL,
    type            TEXT NOT NULL,
    region_id       INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL,
    municipality    TEXT NOT NULL,
    n               INTEGER NOT NULL,
    repeats         INTEGER NOT NULL,
    screened        INTEGER NOT NULL,
    debts           INTEGER NOT NULL,
    PRIMARY KEY (month, type, region_id, organisation_id, municipality)
) WITHOUT ROWID;
INSERT INTO event_rollup_one (month, type, region_id, organisation_id, municipality, n, repeats, screened, debts)
    SELECT month, type, region_id, organisation_id, municipality, SUM(n), SUM(repeats), SUM(screened), SUM(debts)
    FROM event_rollup GROUP BY month, type, region_id, organisation_id, municipality;
DROP TABLE event_rollup;
ALTER TABLE event_rollup_one RENAME TO event_rollup;

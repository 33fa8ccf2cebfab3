-- +goose Up
-- The chain timeline (issue 5). Every step on a case is a dated chain event;
-- corrections are new rows that point at the event they correct, which stays.
CREATE TABLE chain_events (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    type            TEXT NOT NULL,
    at              TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP,                -- court orders
    details         TEXT NOT NULL DEFAULT '', -- JSON with structured fields only (measure, color, report_id, …)
    organisation_id INTEGER REFERENCES organisations(id),
    registered_by   INTEGER REFERENCES professionals(id), -- NULL: recorded by Schakel itself or generated
    source          TEXT NOT NULL,            -- schakel, hand, api, demo
    corrects        INTEGER REFERENCES chain_events(id),
    reason          TEXT NOT NULL DEFAULT '', -- why a correction was made (never exported)
    superseded      BOOLEAN NOT NULL DEFAULT FALSE, -- a later correction replaces this event
    withdrawn       BOOLEAN NOT NULL DEFAULT FALSE, -- this correction retracts the event it corrects
    region_id       INTEGER NOT NULL,
    municipality    TEXT NOT NULL DEFAULT '',
    month           INTEGER NOT NULL,         -- yyyymm of at in Europe/Amsterdam, for trends
    flags           INTEGER NOT NULL DEFAULT 0, -- 1 repeat report within 12 months, 2 money questions asked, 4 debts
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX chain_events_case ON chain_events(case_id, at);
-- Covers the dashboard's counts (reports, repeat reports, debts, placements)
-- so that they never read the table itself; month before at, so that the
-- counts per month come out in index order without a sort.
CREATE INDEX chain_events_type ON chain_events(type, month, at, region_id, organisation_id, flags, municipality)
    WHERE superseded = FALSE AND withdrawn = FALSE;

-- The phase runs of each case, derived from its effective events whenever
-- one is recorded (internal/chain.Compute): the one narrow table the
-- lead-time dashboards read. Times are whole minutes since 1970 (UTC).
CREATE TABLE case_phases (
    case_id         INTEGER NOT NULL,
    phase           INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    status          INTEGER NOT NULL,   -- 0 open, 1 done, 2 stopped (case closed first)
    start_min       INTEGER NOT NULL,
    end_min         INTEGER,
    due_min         INTEGER,            -- deadline under the region's norm; NULL: no norm
    minutes         INTEGER,            -- length of a done run
    bucket          INTEGER,            -- log-scale bucket of minutes (chain.Bucket)
    within          INTEGER,            -- 1 within the norm, 0 not; NULL: no norm or not done
    end_month       INTEGER,            -- yyyymm of the end, Europe/Amsterdam
    region_id       INTEGER NOT NULL,
    municipality    TEXT NOT NULL DEFAULT '',
    organisation_id INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (case_id, phase, seq)
) WITHOUT ROWID;
-- Both indexes cover every column the dashboards read, so
-- that a lead-time call is an index-only scan: by period (end_min first) to
-- count runs per phase and duration bucket, and by phase and bucket to read
-- the few durations the percentiles need.
CREATE INDEX case_phases_end ON case_phases(end_min, phase, bucket, within, end_month, minutes, region_id, organisation_id, municipality)
    WHERE status = 1;
CREATE INDEX case_phases_bucket ON case_phases(phase, bucket, end_min, end_month, minutes, within, region_id, organisation_id, municipality)
    WHERE status = 1;
-- A region's own figures (the dashboard's default) read only its range.
CREATE INDEX case_phases_region ON case_phases(region_id, end_min, phase, bucket, within, end_month, minutes, organisation_id, municipality)
    WHERE status = 1;
CREATE INDEX case_phases_open ON case_phases(phase, start_min, due_min, region_id, organisation_id, municipality) WHERE status = 0;

-- Norms per region that differ from the defaults in internal/chain.
CREATE TABLE chain_norms (
    region_id  INTEGER NOT NULL REFERENCES regions(id),
    phase      TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount > 0),
    unit       TEXT NOT NULL,
    target     REAL NOT NULL DEFAULT 0,
    source     TEXT NOT NULL,
    changed_by INTEGER REFERENCES professionals(id),
    changed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (region_id, phase)
);

-- Cohorts and interventions (a pilot of 50 families, Samen in Crisis, …).
CREATE TABLE cohorts (
    id          INTEGER PRIMARY KEY,
    region_id   INTEGER NOT NULL REFERENCES regions(id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('cohort', 'intervention')),
    description TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES professionals(id),
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (region_id, name)
);
CREATE TABLE case_cohorts (
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    case_id   INTEGER NOT NULL REFERENCES cases(id),
    added_by  INTEGER REFERENCES professionals(id),
    added_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (cohort_id, case_id)
);
CREATE INDEX case_cohorts_case ON case_cohorts(case_id);

-- The key of the pseudonyms in exported event logs; made on first export.
CREATE TABLE chain_secret (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL
);

-- +goose Down
DROP TABLE chain_secret;
DROP TABLE case_cohorts;
DROP TABLE cohorts;
DROP TABLE chain_norms;
DROP TABLE case_phases;
DROP TABLE chain_events;

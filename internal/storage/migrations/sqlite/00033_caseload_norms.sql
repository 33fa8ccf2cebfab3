-- +goose Up
-- Caseload weights per kind of measure and per phase, next to the colour
-- weights of caseload_weights (issue 14); an organisation that set colour
-- weights but none of these uses Schakel's defaults for them.
CREATE TABLE caseload_factor_weights (
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    dimension       TEXT NOT NULL CHECK (dimension IN ('measure', 'phase')),
    factor          TEXT NOT NULL,
    weight          REAL NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (organisation_id, dimension, factor)
);

-- The caseload norm per organisation kind that a region set; no row: the
-- default of internal/caseload (12 measures per 36 hours).
CREATE TABLE caseload_norms (
    region_id         INTEGER NOT NULL REFERENCES regions(id),
    organisation_kind TEXT NOT NULL,
    measures_per_fte  REAL NOT NULL CHECK (measures_per_fte > 0),
    full_time_hours   INTEGER NOT NULL CHECK (full_time_hours BETWEEN 1 AND 60),
    source            TEXT NOT NULL,
    changed_by        INTEGER NOT NULL REFERENCES professionals(id),
    changed_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (region_id, organisation_kind)
);

-- +goose Down
DROP TABLE caseload_norms;
DROP TABLE caseload_factor_weights;

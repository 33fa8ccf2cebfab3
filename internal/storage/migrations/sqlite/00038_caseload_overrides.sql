-- +goose Up
-- A team lead gives a worker a case that takes them above the caseload
-- norm (issue 14, item 3): recorded with the reason, so that the region
-- can count how often it happens. No names leave this table in the
-- region's figures.
CREATE TABLE caseload_overrides (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    region_id       INTEGER NOT NULL REFERENCES regions(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    percent         REAL NOT NULL,
    reason          TEXT NOT NULL CHECK (reason <> ''),
    decided_by      INTEGER NOT NULL REFERENCES professionals(id),
    decided_at      TIMESTAMP NOT NULL
);
CREATE INDEX caseload_overrides_region ON caseload_overrides(region_id, decided_at, organisation_id);

-- +goose Down
DROP TABLE caseload_overrides;

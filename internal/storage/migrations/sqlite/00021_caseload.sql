-- +goose Up
-- Teams and case holders (issue 14): a team is a record of one
-- organisation with a team lead and members with their hours per week; a
-- professional is in at most one team, whose hours the caseload norm uses.
CREATE TABLE teams (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    name            TEXT NOT NULL,
    lead_id         INTEGER REFERENCES professionals(id),
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE team_members (
    team_id         INTEGER NOT NULL REFERENCES teams(id),
    professional_id INTEGER NOT NULL UNIQUE REFERENCES professionals(id),
    hours_per_week  INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 60),
    started_on      TIMESTAMP NOT NULL,
    PRIMARY KEY (team_id, professional_id)
);

-- Every assignment of a case holder is a row that is ended, never
-- changed: assigning, handing over and leaving are kept with who, when
-- and why. One current holder per case, organisation and position.
CREATE TABLE case_holders (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    position        TEXT NOT NULL CHECK (position IN ('first', 'second')),
    assigned_at     TIMESTAMP NOT NULL,
    assigned_by     INTEGER NOT NULL REFERENCES professionals(id),
    reason          TEXT NOT NULL,
    ended_at        TIMESTAMP,
    ended_by        INTEGER REFERENCES professionals(id),
    end_kind        TEXT CHECK (end_kind IN ('hand_over', 'end')),
    end_reason      TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX case_holders_current ON case_holders(case_id, organisation_id, position) WHERE ended_at IS NULL;
CREATE INDEX case_holders_professional ON case_holders(professional_id, case_id) WHERE ended_at IS NULL;

-- The weights an organisation sets for its caseloads (internal/caseload
-- has the defaults, with their source); no row: the defaults.
CREATE TABLE caseload_weights (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations(id),
    red             REAL NOT NULL CHECK (red >= 0),
    orange          REAL NOT NULL CHECK (orange >= 0),
    green           REAL NOT NULL CHECK (green >= 0),
    unrated         REAL NOT NULL CHECK (unrated >= 0),
    second_holder   REAL NOT NULL CHECK (second_holder >= 0 AND second_holder <= 1),
    source          TEXT NOT NULL,
    updated_by      INTEGER NOT NULL REFERENCES professionals(id),
    updated_at      TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE caseload_weights;
DROP TABLE case_holders;
DROP TABLE team_members;
DROP TABLE teams;

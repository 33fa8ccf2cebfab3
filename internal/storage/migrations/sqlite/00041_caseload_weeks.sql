-- +goose Up
-- The caseload per ISO week (issue 14, item 2): each worker's and each
-- team's load as it stood at the end of the week (the job writes the
-- current week again every run until the week is over), so that a team
-- lead sees the trend. One row per week and worker or team: a second
-- serve process writes the same row, never a second one.
CREATE TABLE caseload_week_workers (
    week            TEXT NOT NULL,
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    team_id         INTEGER NOT NULL REFERENCES teams(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    cases           INTEGER NOT NULL,
    children        INTEGER NOT NULL,
    measures        INTEGER NOT NULL,
    weighted        REAL NOT NULL,
    capacity        REAL NOT NULL,
    recorded_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (week, professional_id)
);
CREATE INDEX caseload_week_workers_team ON caseload_week_workers(team_id, week);
CREATE TABLE caseload_week_teams (
    week             TEXT NOT NULL,
    team_id          INTEGER NOT NULL REFERENCES teams(id),
    organisation_id  INTEGER NOT NULL REFERENCES organisations(id),
    members          INTEGER NOT NULL,
    cases            INTEGER NOT NULL,
    children         INTEGER NOT NULL,
    measures         INTEGER NOT NULL,
    weighted         REAL NOT NULL,
    capacity         REAL NOT NULL,
    over_norm        INTEGER NOT NULL,
    waiting_cases    INTEGER NOT NULL,
    waiting_children INTEGER NOT NULL,
    recorded_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (week, team_id)
);
CREATE INDEX caseload_week_teams_org ON caseload_week_teams(organisation_id, week);

-- +goose Down
DROP TABLE caseload_week_teams;
DROP TABLE caseload_week_workers;

-- +goose Up
-- Support work on request (issue 14, item 4): a case holder posts a task
-- for the support workers of their team; one claims it, does it and marks
-- it done with the hours it saved. The brief is what the helper needs to
-- know; share_address lets the claimant see the family's address (home
-- visit or transport only). A task handed back is open again.
CREATE TABLE support_tasks (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    team_id         INTEGER NOT NULL REFERENCES teams(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    posted_by       INTEGER NOT NULL REFERENCES professionals(id),
    kind            TEXT NOT NULL CHECK (kind IN ('home_visit', 'documents', 'report_part', 'transport', 'school_meeting')),
    due_on          TIMESTAMP NOT NULL,
    brief           TEXT NOT NULL,
    share_address   BOOLEAN NOT NULL DEFAULT FALSE,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'done', 'withdrawn')),
    claimed_by      INTEGER REFERENCES professionals(id),
    claimed_at      TIMESTAMP,
    handed_back     INTEGER NOT NULL DEFAULT 0,
    hours_saved     REAL CHECK (hours_saved IS NULL OR (hours_saved >= 0 AND hours_saved <= 40)),
    done_at         TIMESTAMP,
    created_at      TIMESTAMP NOT NULL,
    CHECK ((status = 'claimed') = (claimed_by IS NOT NULL) OR status = 'done')
);
CREATE INDEX support_tasks_team ON support_tasks(team_id, status, due_on);
CREATE INDEX support_tasks_case ON support_tasks(case_id);
CREATE INDEX support_tasks_claimed ON support_tasks(claimed_by, status);
CREATE INDEX support_tasks_posted ON support_tasks(posted_by, created_at);

-- +goose Down
DROP TABLE support_tasks;

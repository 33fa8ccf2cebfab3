-- +goose Up
-- Asking the team along and quick questions (issue 14, item 5): a case
-- worker asks their team who can join a conversation (a moment and a kind
-- of place, never an address), or asks a short question of the team or of
-- one colleague. The first member to take a team's ask holds it
-- (taken_by); a question is answered in writing. The asker may withdraw
-- an open ask. Nothing here opens the case to anyone.
CREATE TABLE colleague_asks (
    id                   INTEGER PRIMARY KEY,
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    organisation_id      INTEGER NOT NULL REFERENCES organisations(id),
    from_professional_id INTEGER NOT NULL REFERENCES professionals(id),
    team_id              INTEGER REFERENCES teams(id),
    to_professional_id   INTEGER REFERENCES professionals(id),
    kind                 TEXT NOT NULL CHECK (kind IN ('join', 'question')),
    at                   TIMESTAMP,
    place_kind           TEXT NOT NULL DEFAULT '',
    message              TEXT NOT NULL,
    status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'answered', 'withdrawn')),
    taken_by             INTEGER REFERENCES professionals(id),
    answer               TEXT NOT NULL DEFAULT '',
    answered_at          TIMESTAMP,
    withdrawn_at         TIMESTAMP,
    created_at           TIMESTAMP NOT NULL,
    CHECK ((team_id IS NULL) <> (to_professional_id IS NULL)),
    CHECK (kind = 'question' OR (team_id IS NOT NULL AND at IS NOT NULL)),
    CHECK ((status IN ('accepted', 'answered')) = (taken_by IS NOT NULL))
);
CREATE INDEX colleague_asks_team ON colleague_asks(team_id, status);
CREATE INDEX colleague_asks_to ON colleague_asks(to_professional_id, status);
CREATE INDEX colleague_asks_from ON colleague_asks(from_professional_id, created_at);
CREATE INDEX colleague_asks_case ON colleague_asks(case_id);
CREATE INDEX colleague_asks_taken ON colleague_asks(taken_by, created_at);

-- +goose Down
DROP TABLE colleague_asks;

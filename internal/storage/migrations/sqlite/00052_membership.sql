-- +goose Up
-- Membership that stays true (issue 12): every few months an
-- organisation's administrators re-confirm who still works there;
-- accounts not re-confirmed by the deadline are suspended.

-- The interval between two rounds, in months (3: quarterly).
ALTER TABLE organisations ADD COLUMN membership_months INTEGER NOT NULL DEFAULT 3;

-- A review round. due_at is when it was due (from the round before, or the
-- organisation's creation): two serve processes computing the same round
-- insert one row. At most one round per organisation is open.
CREATE TABLE membership_rounds (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    due_at          TIMESTAMP NOT NULL,
    opened_at       TIMESTAMP NOT NULL,
    deadline        TIMESTAMP NOT NULL,
    closed_at       TIMESTAMP,
    suspended       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (organisation_id, due_at)
);
CREATE UNIQUE INDEX membership_rounds_open ON membership_rounds(organisation_id) WHERE closed_at IS NULL;

-- An administrator's answer for one account in a round: still here, or
-- left (which disables the account).
CREATE TABLE membership_marks (
    round_id        INTEGER NOT NULL REFERENCES membership_rounds(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    mark            TEXT NOT NULL,
    marked_by       INTEGER REFERENCES professionals(id),
    marked_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (round_id, professional_id)
);

-- An account suspended by a round, until an administrator re-activates it.
CREATE TABLE membership_suspensions (
    id              INTEGER PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    round_id        INTEGER NOT NULL REFERENCES membership_rounds(id),
    suspended_at    TIMESTAMP NOT NULL,
    lifted_at       TIMESTAMP,
    lifted_by       INTEGER REFERENCES professionals(id)
);
CREATE INDEX membership_suspensions_professional ON membership_suspensions(professional_id);

-- +goose Down
DROP TABLE membership_suspensions;
DROP TABLE membership_marks;
DROP TABLE membership_rounds;
ALTER TABLE organisations DROP COLUMN membership_months;

-- +goose Up
-- The family's own Schakel (issue 13). A person stays in a shelter: their
-- whereabouts and the shelter itself are shown to no one in the family but
-- that person.
ALTER TABLE persons ADD COLUMN in_shelter BOOLEAN NOT NULL DEFAULT FALSE;

-- A family member's account: one per person, linked to the case the
-- contact professional invited them from. username and password are chosen
-- at activation; until then the account cannot log in.
CREATE TABLE family_accounts (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL UNIQUE REFERENCES persons(id),
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    username      TEXT UNIQUE,
    password_hash TEXT NOT NULL DEFAULT '',
    active        BOOLEAN NOT NULL DEFAULT FALSE,
    created_by    INTEGER NOT NULL REFERENCES professionals(id),
    created_at    TIMESTAMP NOT NULL,
    activated_at  TIMESTAMP
);

-- A one-time activation code: only its hash is kept; it expires after 14
-- days and is used once. A new invitation revokes the person's older ones.
CREATE TABLE family_invitations (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES family_accounts(id),
    code_hash  TEXT NOT NULL UNIQUE,
    created_by INTEGER NOT NULL REFERENCES professionals(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX family_invitations_account ON family_invitations(account_id, id);

-- A child of 16 or older decides whether its parents see its part; the
-- latest row stands (given or withdrawn).
CREATE TABLE family_consents (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES persons(id),
    given      BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX family_consents_person ON family_consents(person_id, id);

-- A professional withholds one agreement (action_id) or the whole view
-- (action_id NULL) from one family member, with a written reason; a team
-- lead reviews it by review_due (5 working days).
CREATE TABLE family_withholdings (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    action_id   INTEGER REFERENCES plan_actions(id),
    reason      TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES professionals(id),
    created_at  TIMESTAMP NOT NULL,
    review_due  TIMESTAMP NOT NULL,
    reviewed_by INTEGER REFERENCES professionals(id),
    reviewed_at TIMESTAMP,
    ended_at    TIMESTAMP
);
CREATE INDEX family_withholdings_case ON family_withholdings(case_id, person_id);

-- The family's own side: a statement ("mijn kant van het verhaal"), or a
-- request for correction or destruction, answered by the regie holder
-- within 4 weeks (due_at); the answer is shown to the family member.
CREATE TABLE family_requests (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    account_id  INTEGER NOT NULL REFERENCES family_accounts(id),
    kind        TEXT NOT NULL CHECK (kind IN ('statement', 'correction', 'destruction')),
    text        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    due_at      TIMESTAMP NOT NULL,
    answer      TEXT NOT NULL DEFAULT '',
    answered_by INTEGER REFERENCES professionals(id),
    answered_at TIMESTAMP
);
CREATE INDEX family_requests_case ON family_requests(case_id, id);
CREATE INDEX family_requests_person ON family_requests(person_id, id);

-- +goose Down
DROP TABLE family_requests;
DROP TABLE family_withholdings;
DROP TABLE family_consents;
DROP TABLE family_invitations;
DROP TABLE family_accounts;
ALTER TABLE persons DROP COLUMN in_shelter;

-- +goose Up
-- The joint workspace on a case (issue 4): consultations of several kinds
-- with agenda and attendance, shared findings, safety scales, family
-- conversations, the action plan with reviews, the Raad's decisions, roles
-- with their history, experts and colleague requests.

ALTER TABLE consultations ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN held_at TIMESTAMP;
ALTER TABLE consultation_participants ADD COLUMN attended BOOLEAN;
ALTER TABLE consultation_participants ADD COLUMN added_by INTEGER REFERENCES professionals(id);

CREATE TABLE consultation_agenda (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    position        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    added_by        INTEGER REFERENCES professionals(id),
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX consultation_agenda_consultation ON consultation_agenda(consultation_id, position);

-- One plan per case; its actions live in plan_actions.
CREATE TABLE plans (
    case_id         INTEGER PRIMARY KEY REFERENCES cases(id),
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed')),
    agreed_at       TIMESTAMP,
    agreed_by       INTEGER REFERENCES professionals(id),
    consultation_id INTEGER REFERENCES consultations(id),
    review_date     DATE,
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE plan_actions (
    id                    INTEGER PRIMARY KEY,
    case_id               INTEGER NOT NULL REFERENCES cases(id),
    title                 TEXT NOT NULL,
    kind                  TEXT NOT NULL CHECK (kind IN ('action', 'safety_agreement', 'goal')),
    for_whom              TEXT CHECK (for_whom IN ('parents', 'child', 'network')),
    owner_organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    owner_professional_id INTEGER NOT NULL REFERENCES professionals(id),
    due_date              DATE NOT NULL,
    status                TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    created_by            INTEGER NOT NULL REFERENCES professionals(id),
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    done_at               TIMESTAMP
);
CREATE INDEX plan_actions_case ON plan_actions(case_id, id);
CREATE INDEX plan_actions_owner ON plan_actions(owner_professional_id, status, due_date);
CREATE INDEX plan_actions_owner_org ON plan_actions(owner_organisation_id, status, due_date);

CREATE TABLE plan_reviews (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases(id),
    consultation_id  INTEGER REFERENCES consultations(id),
    checked          TEXT NOT NULL,
    changed          TEXT NOT NULL,
    why              TEXT NOT NULL,
    next_review_date DATE NOT NULL,
    professional_id  INTEGER NOT NULL REFERENCES professionals(id),
    organisation_id  INTEGER NOT NULL REFERENCES organisations(id),
    created_at       TIMESTAMP NOT NULL
);
CREATE INDEX plan_reviews_case ON plan_reviews(case_id, id);

CREATE TABLE findings (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    consultation_id INTEGER REFERENCES consultations(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    column_name     TEXT NOT NULL CHECK (column_name IN ('worries', 'working_well', 'needs_to_happen')),
    text            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX findings_case ON findings(case_id, id);

CREATE TABLE safety_scales (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    consultation_id INTEGER REFERENCES consultations(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    value           INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
    reason          TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX safety_scales_case ON safety_scales(case_id, id);

CREATE TABLE family_conversations (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    held_at         TIMESTAMP NOT NULL,
    joint           BOOLEAN NOT NULL DEFAULT FALSE,
    others          TEXT NOT NULL DEFAULT '',
    summary         TEXT NOT NULL DEFAULT '',
    persons_key     TEXT NOT NULL DEFAULT '',
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    logged_by       INTEGER NOT NULL REFERENCES professionals(id),
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX family_conversations_case ON family_conversations(case_id, held_at);

CREATE TABLE conversation_professionals (
    conversation_id INTEGER NOT NULL REFERENCES family_conversations(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    PRIMARY KEY (conversation_id, professional_id)
);

CREATE TABLE conversation_persons (
    conversation_id INTEGER NOT NULL REFERENCES family_conversations(id),
    person_id       INTEGER NOT NULL REFERENCES persons(id),
    PRIMARY KEY (conversation_id, person_id)
);

CREATE TABLE raad_decisions (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    kind            TEXT NOT NULL CHECK (kind IN ('investigate_measure', 'no_measure_voluntary_help')),
    reason          TEXT NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX raad_decisions_case ON raad_decisions(case_id, id);

-- Joining, role changes, regie handovers and exits (with handover note and
-- next steps), each with who and why.
CREATE TABLE participation_events (
    id                    INTEGER PRIMARY KEY,
    case_id               INTEGER NOT NULL REFERENCES cases(id),
    organisation_id       INTEGER NOT NULL REFERENCES organisations(id),
    kind                  TEXT NOT NULL CHECK (kind IN ('joined', 'role_changed', 'regie_handover', 'exited')),
    to_organisation_id    INTEGER REFERENCES organisations(id),
    from_role             TEXT NOT NULL DEFAULT '',
    to_role               TEXT NOT NULL DEFAULT '',
    note                  TEXT NOT NULL DEFAULT '',
    next_steps            TEXT NOT NULL DEFAULT '',
    professional_id       INTEGER REFERENCES professionals(id),
    created_at            TIMESTAMP NOT NULL
);
CREATE INDEX participation_events_case ON participation_events(case_id, id);

CREATE TABLE case_experts (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    expertise       TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL,
    added_by        INTEGER NOT NULL REFERENCES professionals(id),
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX case_experts_case ON case_experts(case_id);

CREATE TABLE colleague_requests (
    id                   INTEGER PRIMARY KEY,
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    from_professional_id INTEGER NOT NULL REFERENCES professionals(id),
    to_professional_id   INTEGER NOT NULL REFERENCES professionals(id),
    kind                 TEXT NOT NULL CHECK (kind IN ('join_conversation', 'think_along')),
    at                   TIMESTAMP NOT NULL,
    message              TEXT NOT NULL,
    status               TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted', 'declined')),
    answer               TEXT NOT NULL DEFAULT '',
    answered_at          TIMESTAMP,
    created_at           TIMESTAMP NOT NULL
);
CREATE INDEX colleague_requests_case ON colleague_requests(case_id);
CREATE INDEX colleague_requests_to ON colleague_requests(to_professional_id, status);

-- +goose Down
DROP TABLE colleague_requests;
DROP TABLE case_experts;
DROP TABLE participation_events;
DROP TABLE raad_decisions;
DROP TABLE conversation_persons;
DROP TABLE conversation_professionals;
DROP TABLE family_conversations;
DROP TABLE safety_scales;
DROP TABLE findings;
DROP TABLE plan_reviews;
DROP TABLE plan_actions;
DROP TABLE plans;
DROP TABLE consultation_agenda;
ALTER TABLE consultation_participants DROP COLUMN added_by;
ALTER TABLE consultation_participants DROP COLUMN attended;
ALTER TABLE consultations DROP COLUMN held_at;
ALTER TABLE consultations DROP COLUMN title;

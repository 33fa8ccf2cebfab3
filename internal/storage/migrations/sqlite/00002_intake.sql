-- +goose Up
CREATE TABLE families (
    id           INTEGER PRIMARY KEY,
    region_id    INTEGER NOT NULL REFERENCES regions(id),
    municipality TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    family_id   INTEGER NOT NULL REFERENCES families(id),
    kind        TEXT NOT NULL CHECK (kind IN ('child', 'adult')),
    given_names TEXT NOT NULL,
    family_name TEXT NOT NULL,
    birth_date  DATE,
    bsn         TEXT,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX persons_family ON persons(family_id);
CREATE INDEX persons_bsn ON persons(bsn);

-- Blocking keys for family matching (see internal/matching): candidates are
-- found by indexed equality instead of scanning everyone known.
CREATE TABLE person_keys (
    key       TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    PRIMARY KEY (key, person_id)
);

CREATE TABLE cases (
    id         INTEGER PRIMARY KEY,
    family_id  INTEGER NOT NULL REFERENCES families(id),
    region_id  INTEGER NOT NULL REFERENCES regions(id),
    status     TEXT NOT NULL DEFAULT 'open',
    color      TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    merged_into INTEGER REFERENCES cases(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    closed_at  TIMESTAMP
);
CREATE INDEX cases_family ON cases(family_id, status);

CREATE TABLE participations (
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    role            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'active',
    contact_id      INTEGER REFERENCES professionals(id),
    joined_at       TIMESTAMP NOT NULL,
    exited_at       TIMESTAMP,
    PRIMARY KEY (case_id, organisation_id)
);
CREATE INDEX participations_organisation ON participations(organisation_id, status);

CREATE TABLE reports (
    id                    INTEGER PRIMARY KEY,
    case_id               INTEGER NOT NULL REFERENCES cases(id),
    family_id             INTEGER NOT NULL REFERENCES families(id),
    organisation_id       INTEGER NOT NULL REFERENCES organisations(id),
    created_by            INTEGER NOT NULL REFERENCES professionals(id),
    form_version          INTEGER NOT NULL,
    reporter_kind         TEXT NOT NULL,
    reporter_name         TEXT NOT NULL DEFAULT '',
    reporter_organisation TEXT NOT NULL DEFAULT '',
    reporter_phone        TEXT NOT NULL DEFAULT '',
    received_at           TIMESTAMP NOT NULL,
    address               TEXT NOT NULL DEFAULT '',
    postcode              TEXT NOT NULL DEFAULT '',
    municipality          TEXT NOT NULL DEFAULT '',
    concerns              TEXT NOT NULL DEFAULT '',
    indicators            TEXT NOT NULL DEFAULT '',
    finances              TEXT NOT NULL DEFAULT '{}',
    narrative             TEXT NOT NULL DEFAULT '',
    assessment_due_at     TIMESTAMP NOT NULL,
    assessment_done_at    TIMESTAMP,
    created_at            TIMESTAMP NOT NULL
);
CREATE INDEX reports_case ON reports(case_id);
CREATE INDEX reports_family ON reports(family_id, received_at);
CREATE INDEX reports_due ON reports(assessment_done_at, assessment_due_at);

CREATE TABLE report_persons (
    report_id          INTEGER NOT NULL REFERENCES reports(id),
    person_id          INTEGER NOT NULL REFERENCES persons(id),
    relation           TEXT NOT NULL DEFAULT '',
    parental_authority BOOLEAN NOT NULL DEFAULT FALSE,
    position           INTEGER NOT NULL,
    PRIMARY KEY (report_id, person_id)
);
CREATE INDEX report_persons_person ON report_persons(person_id);

-- A proposed link between a new report's family and a family known before.
CREATE TABLE family_matches (
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES reports(id),
    family_id       INTEGER NOT NULL REFERENCES families(id),
    person_id       INTEGER NOT NULL REFERENCES persons(id),
    known_person_id INTEGER NOT NULL REFERENCES persons(id),
    score           REAL NOT NULL,
    reasons         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    decided_by      INTEGER REFERENCES professionals(id),
    decided_at      TIMESTAMP,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX family_matches_report ON family_matches(report_id);

CREATE TABLE ratings (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    report_id      INTEGER REFERENCES reports(id),
    color          TEXT NOT NULL,
    proposed_color TEXT NOT NULL,
    reasons        TEXT NOT NULL DEFAULT '[]',
    reason         TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    rated_by       INTEGER REFERENCES professionals(id),
    second_by      INTEGER REFERENCES professionals(id),
    created_at     TIMESTAMP NOT NULL,
    decided_at     TIMESTAMP
);
CREATE INDEX ratings_case ON ratings(case_id, id);
CREATE INDEX ratings_status ON ratings(status);

CREATE TABLE consultations (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'planned',
    scheduled_at  TIMESTAMP NOT NULL,
    due_at        TIMESTAMP NOT NULL,
    missing       TEXT NOT NULL DEFAULT '',
    created_by    INTEGER REFERENCES professionals(id),
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX consultations_case ON consultations(case_id);
CREATE INDEX consultations_time ON consultations(status, scheduled_at);

CREATE TABLE consultation_participants (
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    covers          TEXT NOT NULL DEFAULT '',
    reasons         TEXT NOT NULL DEFAULT '',
    invited_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (consultation_id, professional_id)
);
CREATE INDEX consultation_participants_professional ON consultation_participants(professional_id);

CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    kind            TEXT NOT NULL,
    case_id         INTEGER REFERENCES cases(id),
    consultation_id INTEGER REFERENCES consultations(id),
    text            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    read_at         TIMESTAMP
);
CREATE INDEX notifications_professional ON notifications(professional_id, read_at);

-- Outgoing e-mail, written in the same transaction as what it announces and
-- sent afterwards (SMTP when configured).
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    professional_id INTEGER REFERENCES professionals(id),
    to_address      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    ics             TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_unsent ON outbox(sent_at, id);

CREATE TABLE intake_drafts (
    id              INTEGER PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    form_version    INTEGER NOT NULL,
    data            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX intake_drafts_professional ON intake_drafts(professional_id, updated_at);

-- Idempotency-Key: a repeated POST returns the first result.
CREATE TABLE idempotency_keys (
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    key             TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    status          INTEGER NOT NULL,
    response        TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (professional_id, key)
);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE intake_drafts;
DROP TABLE outbox;
DROP TABLE notifications;
DROP TABLE consultation_participants;
DROP TABLE consultations;
DROP TABLE ratings;
DROP TABLE family_matches;
DROP TABLE report_persons;
DROP TABLE reports;
DROP TABLE participations;
DROP TABLE cases;
DROP TABLE person_keys;
DROP TABLE persons;
DROP TABLE families;

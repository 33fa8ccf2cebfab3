-- +goose Up
-- Care asked for by need (issue 15): what providers offer, requests by
-- need with the pseudonymised facts providers may see, whom a request
-- reached, and their answers.
CREATE TABLE care_profiles (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations(id),
    categories      TEXT NOT NULL,
    municipalities  TEXT NOT NULL DEFAULT '',
    languages       TEXT NOT NULL DEFAULT '',
    contracted_by   TEXT NOT NULL DEFAULT '',
    earliest_start  TEXT NOT NULL DEFAULT '{}',
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE care_requests (
    id                     INTEGER PRIMARY KEY,
    case_id                INTEGER NOT NULL REFERENCES cases(id),
    created_by             INTEGER NOT NULL REFERENCES professionals(id),
    created_at             TIMESTAMP NOT NULL,
    needs                  TEXT NOT NULL,
    urgency                TEXT NOT NULL CHECK (urgency IN ('days', 'weeks')),
    wants                  TEXT NOT NULL DEFAULT '',
    does_not_want          TEXT NOT NULL DEFAULT '',
    place                  TEXT NOT NULL DEFAULT '',
    language               TEXT NOT NULL DEFAULT '',
    times                  TEXT NOT NULL DEFAULT '',
    deadline               TIMESTAMP NOT NULL,
    municipality           TEXT NOT NULL,
    age_bands              TEXT NOT NULL,
    status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'chosen', 'cancelled')),
    chosen_organisation_id INTEGER REFERENCES organisations(id),
    chosen_at              TIMESTAMP
);
CREATE INDEX care_requests_case ON care_requests(case_id);

CREATE TABLE care_recipients (
    request_id      INTEGER NOT NULL REFERENCES care_requests(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (request_id, organisation_id)
);
CREATE INDEX care_recipients_organisation ON care_recipients(organisation_id);

CREATE TABLE care_answers (
    request_id      INTEGER NOT NULL REFERENCES care_requests(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    answered_by     INTEGER NOT NULL REFERENCES professionals(id),
    answered_at     TIMESTAMP NOT NULL,
    approach        TEXT NOT NULL DEFAULT '',
    earliest_start  TEXT NOT NULL DEFAULT '',
    conditions      TEXT NOT NULL DEFAULT '',
    no_capacity     BOOLEAN NOT NULL DEFAULT FALSE,
    expected_room   TEXT NOT NULL DEFAULT '',
    late            BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (request_id, organisation_id)
);

-- +goose Down
DROP TABLE care_answers;
DROP TABLE care_recipients;
DROP TABLE care_requests;
DROP TABLE care_profiles;

-- +goose Up
-- Planned conversations with the family (issue 13): planned from the case,
-- shown only to the invited family members, with a calendar file.
CREATE TABLE family_meetings (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    starts_at       TIMESTAMP NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 240),
    mode            TEXT NOT NULL CHECK (mode IN ('in_person', 'online')),
    place           TEXT NOT NULL DEFAULT '',
    video_url       TEXT NOT NULL DEFAULT '',
    about           TEXT NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    created_by      INTEGER NOT NULL REFERENCES professionals(id),
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX family_meetings_case ON family_meetings(case_id, starts_at);

-- Who of the family is invited; only they see the conversation.
CREATE TABLE family_meeting_persons (
    meeting_id INTEGER NOT NULL REFERENCES family_meetings(id),
    person_id  INTEGER NOT NULL REFERENCES persons(id),
    PRIMARY KEY (meeting_id, person_id)
);

-- Who from the chain comes.
CREATE TABLE family_meeting_professionals (
    meeting_id      INTEGER NOT NULL REFERENCES family_meetings(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    PRIMARY KEY (meeting_id, professional_id)
);

-- +goose Down
DROP TABLE family_meeting_professionals;
DROP TABLE family_meeting_persons;
DROP INDEX family_meetings_case;
DROP TABLE family_meetings;

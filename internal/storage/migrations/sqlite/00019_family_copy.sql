-- +goose Up
-- Nothing shown to a parent endangers anyone (issue 10, item 6).
-- family_text is an action's plain-Dutch text for the family copy, written
-- or confirmed by its owner; the copy never uses the professional title.
ALTER TABLE plan_actions ADD COLUMN family_text TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_actions ADD COLUMN family_text_by INTEGER REFERENCES professionals(id);
ALTER TABLE plan_actions ADD COLUMN family_text_at TIMESTAMP;

-- A mark on an action about one family member: 'withhold' (niet delen
-- met this person) or 'whereabouts' (the action tells where this person
-- stays). One mark of a kind per action and person.
CREATE TABLE family_copy_marks (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    action_id  INTEGER NOT NULL REFERENCES plan_actions(id),
    person_id  INTEGER NOT NULL REFERENCES persons(id),
    kind       TEXT NOT NULL CHECK (kind IN ('withhold', 'whereabouts')),
    created_by INTEGER NOT NULL REFERENCES professionals(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (action_id, person_id, kind)
);
CREATE INDEX family_copy_marks_case ON family_copy_marks(case_id, id);

-- A professional confirms a family copy before it is given: the digest
-- binds the confirmation to the copy as it was seen, for that recipient
-- (person_id 0: one copy for every parent, outside violent cases).
CREATE TABLE family_copy_confirmations (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    person_id  INTEGER NOT NULL,
    digest     TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES professionals(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX family_copy_confirmations_case ON family_copy_confirmations(case_id, person_id, id);

-- +goose Down
DROP TABLE family_copy_confirmations;
DROP TABLE family_copy_marks;
ALTER TABLE plan_actions DROP COLUMN family_text_at;
ALTER TABLE plan_actions DROP COLUMN family_text_by;
ALTER TABLE plan_actions DROP COLUMN family_text;

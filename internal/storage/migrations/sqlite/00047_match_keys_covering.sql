-- +goose Up
-- Matching reads its candidates from person_keys alone (issue 11): each key
-- row carries a copy of what scoring needs (region, BSN, names, birth
-- date), and the table is clustered by key (WITHOUT ROWID), so that a
-- match reads a few pages per key instead of a scattered row of persons
-- per candidate. These fields of a person never change after the intake
-- wrote them (the keys are made from them); the family, which does change,
-- is not copied.
CREATE TABLE person_keys_v4 (
    key         TEXT NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    region_id   INTEGER,
    bsn         TEXT,
    given_names TEXT NOT NULL,
    family_name TEXT NOT NULL,
    birth_date  DATE,
    PRIMARY KEY (key, person_id)
) WITHOUT ROWID;
INSERT INTO person_keys_v4 (key, person_id, region_id, bsn, given_names, family_name, birth_date)
SELECT k.key, k.person_id, p.region_id, p.bsn, p.given_names, p.family_name, p.birth_date
FROM person_keys k JOIN persons p ON p.id = k.person_id;
DROP TABLE person_keys;
ALTER TABLE person_keys_v4 RENAME TO person_keys;

-- +goose Down
CREATE TABLE person_keys_v3 (
    key       TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    PRIMARY KEY (key, person_id)
);
INSERT INTO person_keys_v3 (key, person_id) SELECT key, person_id FROM person_keys;
DROP TABLE person_keys;
ALTER TABLE person_keys_v3 RENAME TO person_keys;

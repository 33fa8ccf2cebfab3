-- +goose Up
-- One person, one family, one case (issue 9): a BSN is unique within a
-- region, enforced by the database and not only by the intake's matching.
-- A database that already holds the same BSN twice in one region stops
-- here: merge those families first (the error names the index).
ALTER TABLE persons ADD COLUMN region_id INTEGER REFERENCES regions(id);
UPDATE persons SET region_id = (SELECT f.region_id FROM families f WHERE f.id = persons.family_id);
CREATE UNIQUE INDEX persons_region_bsn ON persons(region_id, bsn) WHERE bsn IS NOT NULL;

-- +goose Down
DROP INDEX persons_region_bsn;
ALTER TABLE persons DROP COLUMN region_id;

-- +goose Up
-- When the work list starts to warn about an open phase run is decided by
-- the rule chain.WarnFrom (three quarters of the time to the deadline) and
-- stored with the run, so that the work list compares instead of
-- computing it again in SQL. Existing runs get the same minute once here
-- (integer minutes, as the rule gives them); from now on the rule writes it.
ALTER TABLE case_phases ADD COLUMN warn_min INTEGER;
UPDATE case_phases SET warn_min = start_min + (due_min - start_min) * 3 / 4 WHERE due_min IS NOT NULL;
DROP INDEX case_phases_open;
CREATE INDEX case_phases_open ON case_phases(phase, start_min, due_min, region_id, organisation_id, municipality, warn_min, case_id) WHERE status = 0;

-- +goose Down
DROP INDEX case_phases_open;
CREATE INDEX case_phases_open ON case_phases(phase, start_min, due_min, region_id, organisation_id, municipality, case_id) WHERE status = 0;
ALTER TABLE case_phases DROP COLUMN warn_min;

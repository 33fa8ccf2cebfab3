-- +goose Up
-- An index the plan test of changes to a case found missing
-- (storage/case_change_plans_test.go). A professional's colour supersedes
-- the rules' open proposals on the case; SQLite found them by their
-- status alone, so read every proposal of the region that nobody rated
-- again, and those grow with every report. By case and status it reads
-- the case's few ratings.
CREATE INDEX ratings_case_status ON ratings(case_id, status);

-- +goose Down
DROP INDEX ratings_case_status;

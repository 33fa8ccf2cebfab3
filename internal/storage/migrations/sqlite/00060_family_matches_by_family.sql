-- +goose Up
-- The guard of every command on a case names the persons of proposed
-- matches with its family, and the case shows them (incoming matches):
-- both look matches up by family. Without this index each of them read
-- every match of the region (TestCaseReadPlans).
CREATE INDEX family_matches_family ON family_matches(family_id, status);

-- +goose Down
DROP INDEX family_matches_family;

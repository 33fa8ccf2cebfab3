-- +goose Up
-- A region's cases by when they were opened: the comparison of a cohort
-- with the rest of its region reads the region's cases open in a period
-- (storage/statistics_plans_test.go). Without it PostgreSQL, which holds
-- the country, read every region's cases.
CREATE INDEX cases_region ON cases(region_id, created_at);

-- +goose Down
DROP INDEX cases_region;

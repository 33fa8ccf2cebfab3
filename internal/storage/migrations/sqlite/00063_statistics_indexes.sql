-- +goose Up
-- Indexes the plan test of the statistics found missing
-- (storage/statistics_plans_test.go). Each of these figures reads one
-- region's history by design; without its index it read every region's:
--   - a cohort's comparison with the rest of its region reads the region's
--     cases open in the period, and the cases its workers held then, ended
--     holdings among them; the placement reviews' cohorts and patterns read
--     the reviews of the region's cases;
--   - the care dashboard finds the first court order of each of the
--     region's cases (the index holds court orders only, so other events
--     do not pay for it).
CREATE INDEX cases_region ON cases(region_id, created_at);
CREATE INDEX case_holders_professional_ended ON case_holders(professional_id, ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX chain_events_court_orders ON chain_events(region_id, at) WHERE type = 'court_order';

-- +goose Down
DROP INDEX chain_events_court_orders;
DROP INDEX case_holders_professional_ended;
DROP INDEX cases_region;

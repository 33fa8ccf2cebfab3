-- +goose Up
-- Indexes the intake's query plans missed (TestIntakePlans): counting a
-- family's earlier reports read every report_received event of the
-- region by type; finding a case's planned crisis table read every
-- planned consultation by status; the crisis table's availability read
-- every duty shift that ever started, by starts_at. Shifts are now found
-- by their end, which only the current and planned ones pass.
CREATE INDEX chain_events_case_type ON chain_events(case_id, type, at);
CREATE INDEX consultations_case_status ON consultations(case_id, status, scheduled_at);
DROP INDEX consultations_case;
CREATE INDEX duty_shifts_end ON duty_shifts(ends_at, starts_at);
DROP INDEX duty_shifts_time;

-- +goose Down
CREATE INDEX duty_shifts_time ON duty_shifts(starts_at, ends_at);
DROP INDEX duty_shifts_end;
CREATE INDEX consultations_case ON consultations(case_id);
DROP INDEX consultations_case_status;
DROP INDEX chain_events_case_type;

-- +goose Up
-- Indexes the plan test of working on a case with others found missing
-- (storage/teamwork_plans_test.go); without them each read every row of a
-- table that grows with every message:
--   - a consultation's calendar invitation is looked up among the
--     professional's own messages, newest first
--     (GET /api/v1/consultations/{id}/invite.ics);
--   - confirming that two reports are about one family merges their cases,
--     and moves the notices of the merged case to the case it joins.
CREATE INDEX outbox_professional ON outbox(professional_id, id);
CREATE INDEX notifications_case ON notifications(case_id);

-- +goose Down
DROP INDEX notifications_case;
DROP INDEX outbox_professional;

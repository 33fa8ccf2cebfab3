-- +goose Up
-- Care by need, the chain and the waiting times (issue 15): when the first
-- answer came, when the chosen provider started and ended the care (and
-- why it ended), the region of each request, its needs one row each (so
-- the waiting-time dashboard groups by need without parsing JSON), and
-- when a provider was reminded of an unanswered request.
ALTER TABLE care_requests ADD COLUMN region_id BIGINT REFERENCES regions(id);
ALTER TABLE care_requests ADD COLUMN first_answer_at TIMESTAMPTZ;
ALTER TABLE care_requests ADD COLUMN started_at TIMESTAMPTZ;
ALTER TABLE care_requests ADD COLUMN ended_at TIMESTAMPTZ;
ALTER TABLE care_requests ADD COLUMN end_reason TEXT NOT NULL DEFAULT '';
UPDATE care_requests SET region_id = (SELECT c.region_id FROM cases c WHERE c.id = care_requests.case_id);
UPDATE care_requests SET first_answer_at = (SELECT MIN(a.answered_at) FROM care_answers a WHERE a.request_id = care_requests.id);
CREATE INDEX care_requests_region ON care_requests(region_id, created_at);

CREATE TABLE care_request_needs (
    request_id BIGINT NOT NULL REFERENCES care_requests(id),
    category   TEXT NOT NULL,
    PRIMARY KEY (request_id, category)
);
INSERT INTO care_request_needs (request_id, category)
    SELECT q.id, j->>'category' FROM care_requests q, jsonb_array_elements(q.needs::jsonb) j
    ON CONFLICT DO NOTHING;

ALTER TABLE care_recipients ADD COLUMN reminded_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE care_recipients DROP COLUMN reminded_at;
DROP TABLE care_request_needs;
DROP INDEX care_requests_region;
ALTER TABLE care_requests DROP COLUMN end_reason;
ALTER TABLE care_requests DROP COLUMN ended_at;
ALTER TABLE care_requests DROP COLUMN started_at;
ALTER TABLE care_requests DROP COLUMN first_answer_at;
ALTER TABLE care_requests DROP COLUMN region_id;

-- +goose Up
-- The kept waiting list for a case holder (issue 14, item 1): per case and
-- youth-protection organisation on it without a first case holder, one row
-- per effective court measure (its start and end) and when the last first
-- holder left. Rewritten for a case in the same transaction as every write
-- that can change it (storage.flushWaiting); a measure that ends needs no
-- write, the read leaves out ended ones. Filled here from the existing data
-- with the same query.
CREATE TABLE holder_waiting (
    case_id         BIGINT NOT NULL REFERENCES cases(id),
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    event_id        BIGINT NOT NULL REFERENCES chain_events(id),
    measure_at      TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ,
    holder_left_at  TIMESTAMPTZ,
    PRIMARY KEY (case_id, organisation_id, event_id)
);
CREATE INDEX holder_waiting_organisation ON holder_waiting(organisation_id);
INSERT INTO holder_waiting (case_id, organisation_id, event_id, measure_at, ends_at, holder_left_at)
SELECT c.id, p.organisation_id, e.id, e.at, e.ends_at,
    (SELECT MAX(h.ended_at) FROM case_holders h WHERE h.case_id = c.id AND h.organisation_id = p.organisation_id
        AND h.position = 'first' AND h.ended_at IS NOT NULL)
FROM participations p
JOIN organisations o ON o.id = p.organisation_id
JOIN cases c ON c.id = p.case_id
JOIN chain_events e ON e.case_id = c.id
WHERE p.status = 'active' AND o.kind = 'jeugdbescherming' AND c.status = 'open'
AND e.type IN ('court_order', 'court_order_extended') AND e.superseded = FALSE AND e.withdrawn = FALSE
AND NOT EXISTS (SELECT 1 FROM case_holders h WHERE h.case_id = c.id AND h.organisation_id = p.organisation_id
    AND h.position = 'first' AND h.ended_at IS NULL);

-- +goose Down
DROP TABLE holder_waiting;

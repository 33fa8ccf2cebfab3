-- +goose Up
-- Matching keys version 3 (internal/matching.Keys): the e: keys, birth date
-- and name sound together, so that candidate lookup can cap the large
-- groups (everyone born on one date, a common name in one year) and still
-- find every exact-date match. Built from the d: and n: keys every person
-- already has: d:<YYYYMMDD> and n:<name key>:<YYYY> give e:<YYYYMMDD>:<name key>.
INSERT INTO person_keys (key, person_id)
SELECT 'e:' || substr(d.key, 3) || ':' || substr(n.key, 3, length(n.key) - 7), d.person_id
FROM person_keys d JOIN person_keys n ON n.person_id = d.person_id
WHERE substr(d.key, 1, 2) = 'd:' AND substr(n.key, 1, 2) = 'n:'
ON CONFLICT DO NOTHING;

-- +goose Down
DELETE FROM person_keys WHERE substr(key, 1, 2) = 'e:';

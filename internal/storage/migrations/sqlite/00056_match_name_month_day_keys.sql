-- +goose Up
-- Matching keys version 4 (internal/matching.Keys): the name-and-year keys
-- n:<name key>:<YYYY> become n:<name key>:<YYYY>:<MM> and
-- n:<name key>:<YYYY>:<DD>, so that a common name reads the namesakes of one
-- month or one day number of a birth year instead of the whole year (issue
-- 11). Built from the n: and d:<YYYYMMDD> keys every person with a birth
-- date already has; the key rows carry the scoring fields (00047), copied
-- from the old row. A month equal to the day gives one key.
INSERT INTO person_keys (key, person_id, region_id, bsn, given_names, family_name, birth_date)
SELECT n.key || ':' || substr(d.key, 7, 2), n.person_id, n.region_id, n.bsn, n.given_names, n.family_name, n.birth_date
FROM person_keys n JOIN person_keys d ON d.person_id = n.person_id
WHERE substr(n.key, 1, 2) = 'n:' AND substr(d.key, 1, 2) = 'd:'
UNION ALL
SELECT n.key || ':' || substr(d.key, 9, 2), n.person_id, n.region_id, n.bsn, n.given_names, n.family_name, n.birth_date
FROM person_keys n JOIN person_keys d ON d.person_id = n.person_id
WHERE substr(n.key, 1, 2) = 'n:' AND substr(d.key, 1, 2) = 'd:'
ON CONFLICT DO NOTHING;
-- The old keys end in :<YYYY>, the new ones in :<YYYY>:<NN>.
DELETE FROM person_keys WHERE substr(key, 1, 2) = 'n:' AND substr(key, length(key) - 2, 1) <> ':';

-- +goose Down
INSERT INTO person_keys (key, person_id, region_id, bsn, given_names, family_name, birth_date)
SELECT substr(key, 1, length(key) - 3), person_id, region_id, bsn, given_names, family_name, birth_date
FROM person_keys WHERE substr(key, 1, 2) = 'n:' AND substr(key, length(key) - 2, 1) = ':'
ON CONFLICT DO NOTHING;
DELETE FROM person_keys WHERE substr(key, 1, 2) = 'n:' AND substr(key, length(key) - 2, 1) = ':';

-- +goose Up
-- Roll-up rows striped over shards (issue 11). Every intake added one to
-- the same rows of event_rollup (its month, region, organisation and
-- municipality) and every finished phase run to the national row of
-- phase_rollup, just before commit, and held that row's lock through the
-- commit's flush to disk: concurrent intakes of a whole region, or of the
-- whole country, queued behind each other one flush at a time. A
-- transaction now adds its difference to the shard of its database
-- connection (storage/chain_rollup.go), so that transactions on other
-- connections do not wait for it. Readers sum the shards, as they
-- already summed months and municipalities; rebuilds write shard 0.
ALTER TABLE phase_rollup ADD COLUMN shard INTEGER NOT NULL DEFAULT 0;
ALTER TABLE phase_rollup DROP CONSTRAINT phase_rollup_pkey;
ALTER TABLE phase_rollup ADD PRIMARY KEY (region_id, end_month, phase, bucket, shard);
ALTER TABLE event_rollup ADD COLUMN shard INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_rollup DROP CONSTRAINT event_rollup_pkey;
ALTER TABLE event_rollup ADD PRIMARY KEY (month, type, region_id, organisation_id, municipality, shard);

-- +goose Down
-- The shards' sums go to one row per key (shard -1 while both exist).
INSERT INTO phase_rollup (region_id, end_month, phase, bucket, shard, n, within, judged)
    SELECT region_id, end_month, phase, bucket, -1, SUM(n), SUM(within), SUM(judged)
    FROM phase_rollup GROUP BY region_id, end_month, phase, bucket;
DELETE FROM phase_rollup WHERE shard <> -1;
ALTER TABLE phase_rollup DROP CONSTRAINT phase_rollup_pkey;
ALTER TABLE phase_rollup DROP COLUMN shard;
ALTER TABLE phase_rollup ADD PRIMARY KEY (region_id, end_month, phase, bucket);
INSERT INTO event_rollup (month, type, region_id, organisation_id, municipality, shard, n, repeats, screened, debts)
    SELECT month, type, region_id, organisation_id, municipality, -1, SUM(n), SUM(repeats), SUM(screened), SUM(debts)
    FROM event_rollup GROUP BY month, type, region_id, organisation_id, municipality;
DELETE FROM event_rollup WHERE shard <> -1;
ALTER TABLE event_rollup DROP CONSTRAINT event_rollup_pkey;
ALTER TABLE event_rollup DROP COLUMN shard;
ALTER TABLE event_rollup ADD PRIMARY KEY (month, type, region_id, organisation_id, municipality);

-- +goose Up
-- SQLite keeps the crisis pool's generation (see its migration 00058):
-- only there is the pool read before the write transaction. PostgreSQL
-- reads it inside (storage.DB.OneWriter); the version is kept here so that
-- both engines number their schemas alike.
SELECT 1;

-- +goose Down
SELECT 1;

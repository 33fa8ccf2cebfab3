-- +goose Up
-- The crisis pool's generation: see the SQLite migration 00058. Only
-- SQLite reads a red report's pool before its write transaction and keeps
-- the counter, by triggers. PostgreSQL reads the pool inside the write
-- transaction (storage.DB.OneWriter), and a counter raised by every
-- invitation would be one row every crisis table waits for, the kind of
-- global lock issue 11 removed from the audit trail. The table is made here
-- too, so that the two engines keep one schema (TestSchemaParity); nothing
-- on PostgreSQL raises or reads it (storage.Tx.PoolGeneration refuses).
CREATE TABLE pool_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO pool_generation (id, n) VALUES (1, 0);

-- +goose Down
DROP TABLE pool_generation;

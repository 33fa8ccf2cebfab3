-- +goose Up
-- The small counters of case_phases were SMALLINT here and INTEGER in the
-- SQLite tree (and INTEGER in phase_rollup, which is summed from them).
-- One type on both engines, as TestSchemaParity checks; PostgreSQL
-- rewrites the table and its indexes once.
ALTER TABLE case_phases
    ALTER COLUMN phase TYPE INTEGER,
    ALTER COLUMN seq TYPE INTEGER,
    ALTER COLUMN status TYPE INTEGER,
    ALTER COLUMN bucket TYPE INTEGER,
    ALTER COLUMN within TYPE INTEGER;

-- +goose Down
ALTER TABLE case_phases
    ALTER COLUMN phase TYPE SMALLINT,
    ALTER COLUMN seq TYPE SMALLINT,
    ALTER COLUMN status TYPE SMALLINT,
    ALTER COLUMN bucket TYPE SMALLINT,
    ALTER COLUMN within TYPE SMALLINT;

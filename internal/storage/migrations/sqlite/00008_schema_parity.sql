-- +goose Up
-- The PostgreSQL half of this pair turns the SMALLINT counters of
-- case_phases into INTEGER, which this tree has declared from the start
-- (SQLite stores every integer alike). Nothing changes here; the empty
-- migration keeps both trees at the same version.

-- +goose Down

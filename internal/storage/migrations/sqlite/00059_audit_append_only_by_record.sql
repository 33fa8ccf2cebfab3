-- +goose Up
-- PostgreSQL's append-only check of audit_log compares rows as records
-- from here on (see its migration 00059). SQLite's trigger compares the
-- columns one by one already (00015); the version is kept here so that
-- both engines number their schemas alike.
SELECT 1;

-- +goose Down
SELECT 1;

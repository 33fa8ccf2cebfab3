-- +goose Up
-- The sealer's chain links move out of audit_log into a table of their own
-- (issue 11). The sealer wrote each entry's link with an UPDATE of the
-- entry: a second version of every row of the largest table, with its
-- three index entries, its check by the append-only trigger and a dead row
-- for vacuum. Measured: 30 us per entry sealed, and half of the WAL that
-- an audited read of a case caused (1,550 bytes per read with the sealer,
-- 790 without). A link is now one narrow row appended to audit_seals, and
-- audit_log takes no UPDATE at all any more: both tables are append-only
-- without exception. An entry without a row in audit_seals is unsealed.
CREATE TABLE audit_seals (
    seq       BIGINT PRIMARY KEY,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
INSERT INTO audit_seals (seq, prev_hash, hash)
    SELECT seq, prev_hash, hash FROM audit_log WHERE hash <> '' OR prev_hash <> '';

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER audit_seals_no_update BEFORE UPDATE OR DELETE ON audit_seals
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
ALTER TABLE audit_log DROP COLUMN prev_hash, DROP COLUMN hash;

-- +goose Down
-- The links go back into audit_log, with a trigger that lets the sealer
-- write the link of an entry that has none. It compares the rows as JSON
-- (as 00015 did), not as records (00059): with the columns dropped and
-- added again, 00059's record variable crashed the server process of
-- PostgreSQL 15.20 (signal 11) on the first UPDATE.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '', ADD COLUMN hash TEXT NOT NULL DEFAULT '';
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.prev_hash = '' AND OLD.hash = '' AND NEW.hash <> ''
        AND to_jsonb(NEW) - 'prev_hash' - 'hash' = to_jsonb(OLD) - 'prev_hash' - 'hash' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
UPDATE audit_log a SET prev_hash = s.prev_hash, hash = s.hash FROM audit_seals s WHERE s.seq = a.seq;
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP DEFAULT, ALTER COLUMN hash DROP DEFAULT;
DROP TABLE audit_seals;

-- +goose Up
-- The sealer's chain links move out of audit_log into a table of their own
-- (issue 11; see the PostgreSQL migration of the same number). On SQLite
-- the sealer's UPDATE of each entry ran in the database's one writer,
-- checked by a trigger that compared every column. A link is now one
-- narrow row appended to audit_seals, and audit_log takes no UPDATE at
-- all any more. An entry without a row in audit_seals is unsealed.
CREATE TABLE audit_seals (
    seq       INTEGER PRIMARY KEY,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
INSERT INTO audit_seals (seq, prev_hash, hash)
    SELECT seq, prev_hash, hash FROM audit_log WHERE hash <> '' OR prev_hash <> '';
-- +goose StatementBegin
CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals
BEGIN
    SELECT RAISE(ABORT, 'audit_seals is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals
BEGIN
    SELECT RAISE(ABORT, 'audit_seals is append-only');
END;
-- +goose StatementEnd

-- The trigger that let the sealer write a link names the columns: it goes
-- before them, and comes back without exception.
DROP TRIGGER audit_log_no_update;
ALTER TABLE audit_log DROP COLUMN prev_hash;
ALTER TABLE audit_log DROP COLUMN hash;
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
-- The links go back into audit_log, with the trigger of 00015 that lets
-- the sealer write the link of an entry that has none.
DROP TRIGGER audit_log_no_update;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
UPDATE audit_log SET (prev_hash, hash) = (SELECT s.prev_hash, s.hash FROM audit_seals s WHERE s.seq = audit_log.seq)
    WHERE seq IN (SELECT seq FROM audit_seals);
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (OLD.prev_hash = '' AND OLD.hash = '' AND NEW.hash <> ''
    AND NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.event IS OLD.event AND NEW.outcome IS OLD.outcome
    AND NEW.user_id IS OLD.user_id AND NEW.user_name IS OLD.user_name AND NEW.on_behalf_of IS OLD.on_behalf_of
    AND NEW.organisation_id IS OLD.organisation_id AND NEW.role IS OLD.role AND NEW.access_basis IS OLD.access_basis
    AND NEW.emergency IS OLD.emergency AND NEW.emergency_reason IS OLD.emergency_reason
    AND NEW.client_addr IS OLD.client_addr AND NEW.workstation IS OLD.workstation
    AND NEW.resource_type IS OLD.resource_type AND NEW.resource_id IS OLD.resource_id
    AND NEW.persons IS OLD.persons AND NEW.detail IS OLD.detail AND NEW.format_version IS OLD.format_version
    AND NEW.principal_kind IS OLD.principal_kind AND NEW.principal_id IS OLD.principal_id)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
DROP TABLE audit_seals;

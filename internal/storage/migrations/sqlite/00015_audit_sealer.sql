-- +goose Up
-- Audit without a global lock (issue 11): see the PostgreSQL migration of
-- the same number. On SQLite the sequence is the rowid: audit_log.seq is
-- an INTEGER PRIMARY KEY, so an entry written without a number gets the
-- next one. Existing entries are the sealed trail as they are.

-- Still append-only, with one change allowed: the sealer writing the chain
-- link of an entry that has none. Nothing else of the row may change, and
-- a sealed entry not at all.
DROP TRIGGER audit_log_no_update;
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

-- +goose Down
-- The schema before this migration chains entries as it writes them: it
-- cannot take over a trail with unsealed entries ('schakel audit seal').
-- The CHECK fails the migration when there are any.
CREATE TEMP TABLE audit_unsealed_before_down (n INTEGER CHECK (n = 0));
INSERT INTO audit_unsealed_before_down SELECT COUNT(*) FROM audit_log WHERE hash = '';
DROP TABLE audit_unsealed_before_down;
DROP TRIGGER audit_log_no_update;
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

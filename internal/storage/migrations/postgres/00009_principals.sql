-- +goose Up
-- Principals (issue 8): sessions and API tokens belong to a principal
-- (professional, family member or system), and audit entries record their
-- format version and principal. Existing rows belong to professionals; existing
-- audit entries are format version 1 and keep their hashes.
ALTER TABLE sessions ALTER COLUMN professional_id DROP NOT NULL;
ALTER TABLE sessions ADD COLUMN principal_kind TEXT NOT NULL DEFAULT 'professional' CHECK (principal_kind IN ('professional', 'family_member', 'system'));
ALTER TABLE sessions ADD COLUMN principal_id BIGINT;
UPDATE sessions SET principal_id = professional_id;
ALTER TABLE sessions ALTER COLUMN principal_id SET NOT NULL;
ALTER TABLE sessions ADD CONSTRAINT sessions_professional_principal CHECK ((principal_kind = 'professional') = (professional_id IS NOT NULL)
    AND (professional_id IS NULL OR principal_id = professional_id));
CREATE INDEX sessions_principal ON sessions(principal_kind, principal_id);

ALTER TABLE api_tokens ALTER COLUMN professional_id DROP NOT NULL;
ALTER TABLE api_tokens ADD COLUMN principal_kind TEXT NOT NULL DEFAULT 'professional' CHECK (principal_kind IN ('professional', 'family_member', 'system'));
ALTER TABLE api_tokens ADD COLUMN principal_id BIGINT;
UPDATE api_tokens SET principal_id = professional_id;
ALTER TABLE api_tokens ALTER COLUMN principal_id SET NOT NULL;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_professional_principal CHECK ((principal_kind = 'professional') = (professional_id IS NOT NULL)
    AND (professional_id IS NULL OR principal_id = professional_id));
CREATE INDEX api_tokens_principal ON api_tokens(principal_kind, principal_id);

-- Adding columns with defaults changes no stored row: the append-only
-- trigger stays and every existing entry reads as version 1.
ALTER TABLE audit_log ADD COLUMN format_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_log ADD COLUMN principal_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN principal_id BIGINT;

-- +goose Down
ALTER TABLE audit_log DROP COLUMN principal_id;
ALTER TABLE audit_log DROP COLUMN principal_kind;
ALTER TABLE audit_log DROP COLUMN format_version;

DROP INDEX api_tokens_principal;
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_professional_principal;
DELETE FROM api_tokens WHERE professional_id IS NULL;
ALTER TABLE api_tokens DROP COLUMN principal_id;
ALTER TABLE api_tokens DROP COLUMN principal_kind;
ALTER TABLE api_tokens ALTER COLUMN professional_id SET NOT NULL;

DROP INDEX sessions_principal;
ALTER TABLE sessions DROP CONSTRAINT sessions_professional_principal;
DELETE FROM sessions WHERE professional_id IS NULL;
ALTER TABLE sessions DROP COLUMN principal_id;
ALTER TABLE sessions DROP COLUMN principal_kind;
ALTER TABLE sessions ALTER COLUMN professional_id SET NOT NULL;

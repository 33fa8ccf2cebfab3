-- +goose Up
-- The crisis pool's generation (issue 11). On SQLite the intake reads a red
-- report's candidate pool before its write transaction, so that the one
-- writer is not held up by it, and checks inside that nothing the pool is
-- made of changed. That check was a text stamp of the whole pool, read in
-- the writer: 0.9 ms for the demo region's 48 professionals, growing with
-- every professional of the region. Now every change to what the pool
-- reads (the region's professionals and organisations, their roles and
-- expertises, duty shifts, and the consultations a professional is invited
-- to) adds one to this counter, so the check is one row. A consultation
-- enters the pool only through its participants, so inserting one (without
-- them) changes nothing the pool reads; nor do the columns left out of
-- the UPDATE OF lists. PostgreSQL reads the pool inside the write
-- transaction (storage.DB.OneWriter): it has the table, never raised.
CREATE TABLE pool_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO pool_generation (id, n) VALUES (1, 0);
-- +goose StatementBegin
CREATE TRIGGER pool_generation_professionals_insert AFTER INSERT ON professionals
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_professionals_delete AFTER DELETE ON professionals
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_professionals_update AFTER UPDATE OF active, name, organisation_id ON professionals
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_organisations_insert AFTER INSERT ON organisations
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_organisations_delete AFTER DELETE ON organisations
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_organisations_update AFTER UPDATE OF region_id, kind ON organisations
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_professional_roles_insert AFTER INSERT ON professional_roles
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_professional_roles_delete AFTER DELETE ON professional_roles
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_professional_roles_update AFTER UPDATE ON professional_roles
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_professional_expertises_insert AFTER INSERT ON professional_expertises
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_professional_expertises_delete AFTER DELETE ON professional_expertises
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_professional_expertises_update AFTER UPDATE ON professional_expertises
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_duty_shifts_insert AFTER INSERT ON duty_shifts
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_duty_shifts_delete AFTER DELETE ON duty_shifts
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_duty_shifts_update AFTER UPDATE ON duty_shifts
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_consultation_participants_insert AFTER INSERT ON consultation_participants
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_consultation_participants_delete AFTER DELETE ON consultation_participants
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_consultation_participants_update AFTER UPDATE OF consultation_id, professional_id, declined_at ON consultation_participants
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_consultations_delete AFTER DELETE ON consultations
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER pool_generation_consultations_update AFTER UPDATE OF status, scheduled_at ON consultations
BEGIN
    UPDATE pool_generation SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER pool_generation_professionals_insert;
DROP TRIGGER pool_generation_professionals_delete;
DROP TRIGGER pool_generation_professionals_update;
DROP TRIGGER pool_generation_organisations_insert;
DROP TRIGGER pool_generation_organisations_delete;
DROP TRIGGER pool_generation_organisations_update;
DROP TRIGGER pool_generation_professional_roles_insert;
DROP TRIGGER pool_generation_professional_roles_delete;
DROP TRIGGER pool_generation_professional_roles_update;
DROP TRIGGER pool_generation_professional_expertises_insert;
DROP TRIGGER pool_generation_professional_expertises_delete;
DROP TRIGGER pool_generation_professional_expertises_update;
DROP TRIGGER pool_generation_duty_shifts_insert;
DROP TRIGGER pool_generation_duty_shifts_delete;
DROP TRIGGER pool_generation_duty_shifts_update;
DROP TRIGGER pool_generation_consultation_participants_insert;
DROP TRIGGER pool_generation_consultation_participants_delete;
DROP TRIGGER pool_generation_consultation_participants_update;
DROP TRIGGER pool_generation_consultations_delete;
DROP TRIGGER pool_generation_consultations_update;
DROP TABLE pool_generation;

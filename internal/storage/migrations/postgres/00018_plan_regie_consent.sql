-- +goose Up
-- A plan is agreed by the organisation with regie, or with its recorded
-- consent (issue 10): regie_consent says who of that organisation agreed
-- when someone else recorded the plan.
ALTER TABLE plans ADD COLUMN regie_consent TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE plans DROP COLUMN regie_consent;

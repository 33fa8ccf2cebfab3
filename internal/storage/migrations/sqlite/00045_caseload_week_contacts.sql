-- +goose Up
-- Contact moments with families in the weekly caseload history (issue 14,
-- items 2 and 6): the logged family conversations each worker took part
-- in during the ISO week, and with how many families (cases); a team's
-- row sums its members' moments and counts the families once. Weeks
-- recorded before this migration keep 0.
ALTER TABLE caseload_week_workers ADD COLUMN contacts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE caseload_week_workers ADD COLUMN families_contacted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE caseload_week_teams ADD COLUMN contacts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE caseload_week_teams ADD COLUMN families_contacted INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE caseload_week_teams DROP COLUMN families_contacted;
ALTER TABLE caseload_week_teams DROP COLUMN contacts;
ALTER TABLE caseload_week_workers DROP COLUMN families_contacted;
ALTER TABLE caseload_week_workers DROP COLUMN contacts;

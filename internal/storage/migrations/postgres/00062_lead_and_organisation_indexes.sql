-- +goose Up
-- Indexes the plan tests of the working day found missing
-- (storage/screen_plans_test.go, command_plans_test.go); without them
-- each of these read a table of the whole region:
--   - the page of a case's family members lists the invitations of the
--     family's accounts, found by case;
--   - the waiting list for a case holder looks up when the case's last
--     holder left, among the ended holders of the case (the only index
--     on holders by case held the current ones);
--   - the reminders to care providers, a job of every serve process that
--     runs each minute, look for open requests whose deadline is still
--     ahead: the requests that are live, not all the region's;
--   - every login deletes the sessions that expired, which read every
--     live session of the region;
--   - a team lead's boards look up the teams they lead, and the weekly
--     trend of each team and of its members;
--   - the organisation's caseload counts the colleague asks of its teams'
--     members and its support tasks within a period.
CREATE INDEX family_accounts_case ON family_accounts(case_id);
CREATE INDEX case_holders_ended ON case_holders(case_id, organisation_id, position, ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX care_requests_open_deadline ON care_requests(deadline) WHERE status = 'open';
CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE INDEX teams_lead ON teams(lead_id);
CREATE INDEX caseload_week_teams_team ON caseload_week_teams(team_id, week);
CREATE INDEX caseload_week_workers_professional ON caseload_week_workers(professional_id, week);
CREATE INDEX colleague_requests_from ON colleague_requests(from_professional_id, created_at);
CREATE INDEX support_tasks_organisation ON support_tasks(organisation_id, created_at);
CREATE INDEX support_tasks_organisation_done ON support_tasks(organisation_id, status, done_at);

-- +goose Down
DROP INDEX family_accounts_case;
DROP INDEX case_holders_ended;
DROP INDEX care_requests_open_deadline;
DROP INDEX sessions_expires;
DROP INDEX teams_lead;
DROP INDEX caseload_week_teams_team;
DROP INDEX caseload_week_workers_professional;
DROP INDEX colleague_requests_from;
DROP INDEX support_tasks_organisation;
DROP INDEX support_tasks_organisation_done;

-- +goose Up
-- Every professional's work list reads their own open requests for care,
-- per report its proposed rating, and the plan reviews of the cases they
-- are the contact for: without these indexes each read every request,
-- proposed rating or participation of the region (TestWorklistPlans).
CREATE INDEX care_requests_creator ON care_requests(created_by, status);
CREATE INDEX ratings_report ON ratings(report_id, status);
CREATE INDEX participations_contact ON participations(contact_id);

-- +goose Down
DROP INDEX care_requests_creator;
DROP INDEX ratings_report;
DROP INDEX participations_contact;

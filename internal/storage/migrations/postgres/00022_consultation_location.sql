-- +goose Up
-- Where and how a consultation meets (issue 10): in person at a place, by
-- phone or online with a video link; mode '' when the planner did not say.
ALTER TABLE consultations ADD COLUMN location_mode TEXT NOT NULL DEFAULT '' CHECK (location_mode IN ('', 'in_person', 'phone', 'online'));
ALTER TABLE consultations ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN video_url TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE consultations DROP COLUMN video_url;
ALTER TABLE consultations DROP COLUMN phone;
ALTER TABLE consultations DROP COLUMN place;
ALTER TABLE consultations DROP COLUMN location_mode;

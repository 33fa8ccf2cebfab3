-- +goose Up
-- When each professional was in which team (issue 14, item 6): a cohort
-- of teams counts a member's cases only for the time they were in the
-- team, so a worker who joined after a compared period, or left before
-- it, does not count for it. Taking a member out ends their spell; the
-- row stays. Members already in a team start their spell on their
-- started_on, the only date known for them.
CREATE TABLE team_member_spells (
    id              INTEGER PRIMARY KEY,
    team_id         INTEGER NOT NULL REFERENCES teams(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    joined_at       TIMESTAMP NOT NULL,
    left_at         TIMESTAMP
);
CREATE INDEX team_member_spells_team ON team_member_spells(team_id, professional_id);
CREATE UNIQUE INDEX team_member_spells_open ON team_member_spells(professional_id) WHERE left_at IS NULL;
INSERT INTO team_member_spells (team_id, professional_id, joined_at) SELECT team_id, professional_id, started_on FROM team_members;

-- +goose Down
DROP TABLE team_member_spells;

package storage

import (
	"database/sql"
	"time"
)

// The weekly caseload history (issue 14): one row per ISO week and
// worker, and per week and team, rewritten by every run of the job in
// that week. Both engines upsert on the primary key, so two serve
// processes write the same row, never a second one.

// WorkerWeek is a worker's load in one week.
type WorkerWeek struct {
	Week                                   string
	ProfessionalID, TeamID, OrganisationID int64
	Cases, Children, Measures              int
	Weighted, Capacity                     float64
	Contacts, FamiliesContacted            int // contact moments with families in the week
}

// TeamWeek is a team's load in one week: the sum of its members, how
// many were above the norm and the organisation's waiting list.
type TeamWeek struct {
	Week                                         string
	TeamID, OrganisationID                       int64
	Members, Cases, Children, Measures, OverNorm int
	Weighted, Capacity                           float64
	WaitingCases, WaitingChildren                int
	Contacts, FamiliesContacted                  int // the members' contact moments, families counted once
}

// PutWorkerWeek records (or rewrites) a worker's week.
func (tx *Tx) PutWorkerWeek(w WorkerWeek) error {
	_, err := tx.exec(`INSERT INTO caseload_week_workers (week, professional_id, team_id, organisation_id, cases, children, measures, weighted, capacity,
		contacts, families_contacted, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (week, professional_id) DO UPDATE SET team_id = excluded.team_id, organisation_id = excluded.organisation_id,
		cases = excluded.cases, children = excluded.children, measures = excluded.measures, weighted = excluded.weighted,
		capacity = excluded.capacity, contacts = excluded.contacts, families_contacted = excluded.families_contacted,
		recorded_at = excluded.recorded_at`,
		w.Week, w.ProfessionalID, w.TeamID, w.OrganisationID, w.Cases, w.Children, w.Measures, w.Weighted, w.Capacity,
		w.Contacts, w.FamiliesContacted, tx.now)
	return err
}

// PutTeamWeek records (or rewrites) a team's week.
func (tx *Tx) PutTeamWeek(w TeamWeek) error {
	_, err := tx.exec(`INSERT INTO caseload_week_teams (week, team_id, organisation_id, members, cases, children, measures, weighted, capacity,
		over_norm, waiting_cases, waiting_children, contacts, families_contacted, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (week, team_id) DO UPDATE SET organisation_id = excluded.organisation_id, members = excluded.members,
		cases = excluded.cases, children = excluded.children, measures = excluded.measures, weighted = excluded.weighted,
		capacity = excluded.capacity, over_norm = excluded.over_norm, waiting_cases = excluded.waiting_cases,
		waiting_children = excluded.waiting_children, contacts = excluded.contacts, families_contacted = excluded.families_contacted,
		recorded_at = excluded.recorded_at`,
		w.Week, w.TeamID, w.OrganisationID, w.Members, w.Cases, w.Children, w.Measures, w.Weighted, w.Capacity,
		w.OverNorm, w.WaitingCases, w.WaitingChildren, w.Contacts, w.FamiliesContacted, tx.now)
	return err
}

// SetWeekContacts rewrites only the contact moments of an already
// recorded week of a worker (team 0) or a team (worker 0): conversations
// are often logged a few days after they were held, so the job counts
// last week's again; the load stays as it stood at the week's end. A
// week never recorded stays unrecorded.
func (tx *Tx) SetWeekContacts(week string, professionalID, teamID int64, contacts, families int) error {
	q := `UPDATE caseload_week_workers SET contacts = ?, families_contacted = ? WHERE week = ? AND professional_id = ?`
	id := professionalID
	if professionalID == 0 {
		q, id = `UPDATE caseload_week_teams SET contacts = ?, families_contacted = ? WHERE week = ? AND team_id = ?`, teamID
	}
	_, err := tx.exec(q, contacts, families, week, id)
	return err
}

// TeamWeeks loads a team's weeks from the week key from on, oldest first.
func (tx *Tx) TeamWeeks(teamID int64, from string) ([]TeamWeek, error) {
	return tx.teamWeeks(`SELECT week, team_id, organisation_id, members, cases, children, measures, over_norm, weighted, capacity,
		waiting_cases, waiting_children, contacts, families_contacted FROM caseload_week_teams WHERE team_id = ? AND week >= ? ORDER BY week`, teamID, from)
}

// OrganisationWeeks adds up an organisation's teams per week from the
// week key from on, oldest first (TeamID 0). The waiting list is the
// organisation's own, the same on every team's row.
func (tx *Tx) OrganisationWeeks(orgID int64, from string) ([]TeamWeek, error) {
	return tx.teamWeeks(`SELECT week, 0, organisation_id, SUM(members), SUM(cases), SUM(children), SUM(measures), SUM(over_norm),
		SUM(weighted), SUM(capacity), MAX(waiting_cases), MAX(waiting_children), SUM(contacts), SUM(families_contacted)
		FROM caseload_week_teams WHERE organisation_id = ? AND week >= ? GROUP BY week, organisation_id ORDER BY week`, orgID, from)
}

func (tx *Tx) teamWeeks(q string, id int64, from string) ([]TeamWeek, error) {
	rows, err := tx.query(q, id, from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []TeamWeek{}
	for rows.Next() {
		var w TeamWeek
		if err := rows.Scan(&w.Week, &w.TeamID, &w.OrganisationID, &w.Members, &w.Cases, &w.Children, &w.Measures, &w.OverNorm,
			&w.Weighted, &w.Capacity, &w.WaitingCases, &w.WaitingChildren, &w.Contacts, &w.FamiliesContacted); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// MemberWeeks loads the weeks of a team's current members from the week
// key from on, by worker and week (their weeks in another team too).
func (tx *Tx) MemberWeeks(teamID int64, from string) ([]WorkerWeek, error) {
	rows, err := tx.query(`SELECT w.week, w.professional_id, w.team_id, w.organisation_id, w.cases, w.children, w.measures, w.weighted, w.capacity,
		w.contacts, w.families_contacted FROM caseload_week_workers w JOIN team_members m ON m.professional_id = w.professional_id
		WHERE m.team_id = ? AND w.week >= ? ORDER BY w.professional_id, w.week`, teamID, from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []WorkerWeek{}
	for rows.Next() {
		var w WorkerWeek
		if err := rows.Scan(&w.Week, &w.ProfessionalID, &w.TeamID, &w.OrganisationID, &w.Cases, &w.Children, &w.Measures, &w.Weighted, &w.Capacity, &w.Contacts, &w.FamiliesContacted); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// OrgMember is a member of one of an organisation's teams.
type OrgMember struct {
	TeamID, ProfessionalID int64
	TeamName, Name         string
	HoursPerWeek           int
	StartedOn              time.Time
	SupportOnly            bool // a support worker without a case role: no caseload
}

// OrganisationMembers loads every team of an organisation with its
// members (a team without members comes back once, ProfessionalID 0).
func (tx *Tx) OrganisationMembers(orgID int64) ([]OrgMember, error) {
	rows, err := tx.query(`SELECT t.id, t.name, COALESCE(m.professional_id, 0), COALESCE(p.name, ''), COALESCE(m.hours_per_week, 0), m.started_on, `+supportOnlySQL+`
		FROM teams t LEFT JOIN team_members m ON m.team_id = t.id LEFT JOIN professionals p ON p.id = m.professional_id
		WHERE t.organisation_id = ? ORDER BY t.name, t.id, p.name, m.professional_id`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []OrgMember{}
	for rows.Next() {
		var m OrgMember
		var started sql.NullTime
		if err := rows.Scan(&m.TeamID, &m.TeamName, &m.ProfessionalID, &m.Name, &m.HoursPerWeek, &started, &m.SupportOnly); err != nil {
			return nil, err
		}
		m.StartedOn = started.Time.UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

// OrganisationHeldCases loads the cases every member of an
// organisation's teams holds now.
func (tx *Tx) OrganisationHeldCases(orgID int64) ([]HeldCase, error) {
	return tx.heldCases(`h.professional_id IN (SELECT m.professional_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.organisation_id = ?)`, orgID)
}

// OrganisationsWithTeams lists the organisations that have a team.
func (tx *Tx) OrganisationsWithTeams() ([]int64, error) {
	return tx.queryIDs(`SELECT DISTINCT organisation_id FROM teams ORDER BY organisation_id`)
}

package storage

import (
	"encoding/json"
	"sort"
	"time"

	"schakel"
)

// HeldCase is one case a professional holds now, with what the caseload
// norm counts: its colour, children and running court measures.
type HeldCase struct {
	ProfessionalID int64
	CaseID         int64
	Position       schakel.HolderPosition
	Color          string
	Children       int
	Measures       int
	Kinds          []string // the running measures' kinds, sorted
	Phase          string   // "start" while a measure's first contact or plan is due, else "running"
	Since          time.Time
}

// The holders whose cases are loaded: one professional, or every member
// of a team.
const (
	byProfessional = `h.professional_id = ?`
	byTeam         = `h.professional_id IN (SELECT professional_id FROM team_members WHERE team_id = ?)`
)

// HeldCases loads the cases a professional holds now.
func (tx *Tx) HeldCases(professionalID int64) ([]HeldCase, error) {
	return tx.heldCases(byProfessional, professionalID)
}

// TeamHeldCases loads the cases every member of a team holds now.
func (tx *Tx) TeamHeldCases(teamID int64) ([]HeldCase, error) {
	return tx.heldCases(byTeam, teamID)
}

// heldCases loads held cases that are open (not closed or merged) with their children and the court
// measures still running at now: distinct measures of orders and
// extensions not corrected away whose end lies after now (guardianship
// has no end).
func (tx *Tx) heldCases(holders string, arg int64) ([]HeldCase, error) {
	rows, err := tx.query(`SELECT h.professional_id, h.case_id, h.position, c.color, h.assigned_at,
		(SELECT COUNT(*) FROM persons pe WHERE pe.family_id = c.family_id AND pe.kind = 'child')
		FROM case_holders h JOIN cases c ON c.id = h.case_id
		WHERE `+holders+` AND h.ended_at IS NULL AND c.status = 'open' ORDER BY h.professional_id, h.case_id`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HeldCase
	for rows.Next() {
		var h HeldCase
		if err := rows.Scan(&h.ProfessionalID, &h.CaseID, &h.Position, &h.Color, &h.Since, &h.Children); err != nil {
			return nil, err
		}
		h.Since = h.Since.UTC()
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	measures, err := tx.runningMeasures(holders, arg)
	if err != nil {
		return nil, err
	}
	starting, err := tx.startingCases(holders, arg)
	if err != nil {
		return nil, err
	}
	for i := range out {
		kinds := measures[out[i].CaseID]
		out[i].Measures = len(kinds)
		for k := range kinds {
			out[i].Kinds = append(out[i].Kinds, k)
		}
		sort.Strings(out[i].Kinds)
		out[i].Phase = "running"
		if starting[out[i].CaseID] {
			out[i].Phase = "start"
		}
	}
	return out, nil
}

// startingCases returns the held cases in the start of a measure: an open
// run of the guardian's first-contact or plan phase (chain phases 7, 8).
func (tx *Tx) startingCases(holders string, arg int64) (map[int64]bool, error) {
	rows, err := tx.query(`SELECT DISTINCT p.case_id FROM case_holders h
		JOIN case_phases p ON p.case_id = h.case_id
		WHERE `+holders+` AND h.ended_at IS NULL AND p.status = 0 AND p.phase IN (7, 8)`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// runningMeasures returns, per held case, the distinct court measures
// running now.
func (tx *Tx) runningMeasures(holders string, arg int64) (map[int64]map[string]bool, error) {
	// From the holders to their cases' events by chain_events_case, so
	// that the cost follows the cases held, not every court order.
	rows, err := tx.query(`SELECT DISTINCT e.case_id, e.details FROM case_holders h
		JOIN chain_events e ON e.case_id = h.case_id
		WHERE `+holders+` AND h.ended_at IS NULL
		AND e.type IN ('court_order', 'court_order_extended') AND e.superseded = FALSE AND e.withdrawn = FALSE
		AND (e.ends_at IS NULL OR e.ends_at > ?)`, arg, tx.now)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]map[string]bool{}
	for rows.Next() {
		var caseID int64
		var details string
		if err := rows.Scan(&caseID, &details); err != nil {
			return nil, err
		}
		var d EventDetails
		if err := json.Unmarshal([]byte(details), &d); err != nil {
			return nil, err
		}
		if out[caseID] == nil {
			out[caseID] = map[string]bool{}
		}
		out[caseID][string(d.Measure)] = true
	}
	return out, rows.Err()
}

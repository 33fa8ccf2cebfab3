package storage

import (
	"database/sql"
	"errors"

	"schakel"
	"schakel/internal/access"
)

// MatchState is what deciding one match needs to know: the facts the
// access rule weighs and where the report and the known family stand.
type MatchState struct {
	access.MatchFacts
	MatchID                                      int64
	ReportID, ReportCase, KnownFamily, KnownCase int64
	PersonID, KnownPersonID                      int64
	Status                                       string
}

// MatchOf loads a match with the decider's organisation's participation
// on the known family's open case.
func (tx *Tx) MatchOf(orgID, matchID int64) (MatchState, error) {
	f := MatchState{MatchID: matchID}
	err := tx.queryRow(`SELECT m.report_id, r.case_id, r.created_by, m.family_id, m.person_id, m.known_person_id, m.status, fa.region_id
		FROM family_matches m JOIN reports r ON r.id = m.report_id JOIN families fa ON fa.id = m.family_id WHERE m.id = ?`, matchID).
		Scan(&f.ReportID, &f.ReportCase, &f.ProposedBy, &f.KnownFamily, &f.PersonID, &f.KnownPersonID, &f.Status, &f.CaseRegionID)
	if errors.Is(err, sql.ErrNoRows) {
		return f, notFound("Mogelijke match")
	} else if err != nil {
		return f, err
	}
	if f.KnownCase, err = tx.OpenCaseOf(f.KnownFamily); err != nil {
		return f, err
	}
	if f.KnownCase != 0 {
		var status string
		err := tx.queryRow(`SELECT status FROM participations WHERE case_id = ? AND organisation_id = ?`, f.KnownCase, orgID).Scan(&status)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return f, err
		}
		f.Matched = access.Participation(status)
	}
	return f, nil
}

// DecideMatchRecord stores the decision on a match.
func (tx *Tx) DecideMatchRecord(matchID int64, status string, by int64) error {
	_, err := tx.exec(`UPDATE family_matches SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?`, status, by, tx.now, matchID)
	return err
}

// Match loads one match as the case page shows it.
func (tx *Tx) Match(matchID int64) (schakel.Match, error) {
	ms, err := tx.matches(`m.id = ?`, matchID)
	if err != nil {
		return schakel.Match{}, err
	}
	if len(ms) == 0 {
		return schakel.Match{}, notFound("Mogelijke match")
	}
	return ms[0], nil
}

// MoveToFamily makes a case, its reports and its persons part of another
// (known) family.
func (tx *Tx) MoveToFamily(caseID, family int64) error {
	tx.touchWaiting(caseID)
	for _, q := range []string{
		`UPDATE persons SET family_id = ? WHERE id IN (SELECT person_id FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = ?)`,
		`UPDATE reports SET family_id = ? WHERE case_id = ?`,
		`UPDATE cases SET family_id = ? WHERE id = ?`,
	} {
		if _, err := tx.exec(q, family, caseID); err != nil {
			return err
		}
	}
	_, err := tx.BumpCase(caseID, 0)
	return err
}

// MergeCase moves everything of case from into case into (family family),
// keeping the colour that is most severe, and closes from as merged.
func (tx *Tx) MergeCase(from, into, family int64) error {
	tx.touchWaiting(into)
	tx.touchWaiting(from)
	stmts := []string{
		`UPDATE persons SET family_id = ? WHERE id IN (SELECT person_id FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = ?)`,
		`UPDATE reports SET family_id = ? WHERE case_id = ?`,
	}
	for _, s := range stmts {
		if _, err := tx.exec(s, family, from); err != nil {
			return err
		}
	}
	for _, s := range []string{
		`UPDATE reports SET case_id = ? WHERE case_id = ?`,
		`UPDATE ratings SET case_id = ? WHERE case_id = ?`,
		`UPDATE consultations SET case_id = ? WHERE case_id = ?`,
		`UPDATE notifications SET case_id = ? WHERE case_id = ?`,
		`UPDATE chain_events SET case_id = ? WHERE case_id = ?`,
	} {
		if _, err := tx.exec(s, into, from); err != nil {
			return err
		}
	}
	var a, b string
	if err := tx.queryRow(`SELECT color FROM cases WHERE id = ?`, from).Scan(&a); err != nil {
		return err
	}
	if err := tx.queryRow(`SELECT color FROM cases WHERE id = ?`, into).Scan(&b); err != nil {
		return err
	}
	rank := map[string]int{"green": 1, "orange": 2, "red": 3}
	if rank[a] > rank[b] {
		if err := tx.SetCaseColor(into, a); err != nil {
			return err
		}
	}
	// The joint workspace (plan, findings, roles: plan.go) moves along.
	if err := tx.mergeWorkspace(from, into); err != nil {
		return err
	}
	if _, err := tx.BumpCase(into, 0); err != nil {
		return err
	}
	if _, err := tx.exec(`UPDATE cases SET status = 'merged', merged_into = ?, closed_at = ?, updated_at = ? WHERE id = ?`, into, tx.now, tx.now, from); err != nil {
		return err
	}
	// The timeline moved along: derive the phases of both cases again.
	if err := tx.recomputePhases(from); err != nil {
		return err
	}
	return tx.recomputePhases(into)
}

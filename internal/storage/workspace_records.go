package storage

// The whole workspace of a case, read in a fixed number of queries, and
// its move when a family match merges two cases.

import (
	"schakel"
)

// CaseAndWorkspace reads a case with its workspace, for a use case that has
// already guarded the read: what the case page shows, in a fixed number of
// round trips whatever the number of items (batch.go). What follows from
// the records (overdue, phase) is the use case's to derive (plan.Annotate,
// plan.DeriveWorkspace).
func (tx *Tx) CaseAndWorkspace(id int64) (schakel.Case, schakel.Workspace, error) {
	var c schakel.Case
	var w schakel.Workspace
	err := tx.readBatched(func() error {
		var err error
		if c, err = tx.loadCase(id); err != nil {
			return err
		}
		w, err = tx.loadWorkspace(&c)
		return err
	})
	return c, w, err
}

// loadWorkspace reads everything the joint work added to case c: a fixed
// number of queries, whatever the number of findings, actions or
// consultations.
func (tx *Tx) loadWorkspace(c *schakel.Case) (schakel.Workspace, error) {
	w := schakel.Workspace{CaseID: c.ID}
	var err error
	if w.Plan, err = tx.loadPlan(c.ID, c.Version); err != nil {
		return w, err
	}
	if w.Findings, err = tx.findings(`f.case_id = ?`, c.ID); err != nil {
		return w, err
	}
	if w.Scales, err = tx.scales(`s.case_id = ?`, c.ID); err != nil {
		return w, err
	}
	w.CurrentScales = currentScales(w.Scales)
	if w.Conversations, err = tx.conversations(c.ID); err != nil {
		return w, err
	}
	if w.FamilyMeetings, err = tx.FamilyMeetings(c.ID, tx.now); err != nil {
		return w, err
	}
	if w.Decisions, err = tx.decisions(`d.case_id = ?`, c.ID); err != nil {
		return w, err
	}
	if w.Events, err = tx.participationEvents(`e.case_id = ?`, c.ID); err != nil {
		return w, err
	}
	if w.Experts, err = tx.caseExperts(c.ID); err != nil {
		return w, err
	}
	if w.ColleagueRequests, err = tx.colleagueRequests(`r.case_id = ?`, c.ID); err != nil {
		return w, err
	}
	active := map[int64]bool{}
	for _, p := range c.Participations {
		if p.Status == "active" {
			active[p.Organisation.ID] = true
		}
	}
	for i := range w.ColleagueRequests {
		w.ColleagueRequests[i].ColleagueHasCase = active[w.ColleagueRequests[i].To.Organisation.ID]
	}
	if w.Professionals, err = tx.caseProfessionals(c.ID); err != nil {
		return w, err
	}
	return w, nil
}

// caseProfessionals lists the active people with a case role of the
// organisations on the case: whom an action can be given to.
func (tx *Tx) caseProfessionals(caseID int64) ([]schakel.ProfessionalRef, error) {
	rows, err := tx.query(`SELECT p.id, p.name, o.id, o.name, o.kind FROM professionals p JOIN organisations o ON o.id = p.organisation_id
		JOIN participations pa ON pa.organisation_id = o.id AND pa.case_id = ? AND pa.status = 'active'
		WHERE p.active = TRUE AND EXISTS (SELECT 1 FROM professional_roles r WHERE r.professional_id = p.id AND r.role NOT IN ('privacy_officer', 'admin', 'support_worker'))
		ORDER BY o.name, p.name`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.ProfessionalRef{}
	for rows.Next() {
		var p schakel.ProfessionalRef
		if err := rows.Scan(&p.ID, &p.Name, &p.Organisation.ID, &p.Organisation.Name, &p.Organisation.Kind); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// mergeWorkspace moves the workspace of case from into case into when a
// family match merges them. Both plans' actions end up on into's plan (a
// plan of into that is already agreed keeps its agreement: moved actions
// show as added after it); organisations owning moved open actions join
// into, so that every action's owner stays on its case.
func (tx *Tx) mergeWorkspace(from, into int64) error {
	for _, t := range []string{"plan_actions", "plan_reviews", "findings", "safety_scales", "family_conversations", "raad_decisions",
		"participation_events", "case_experts", "colleague_requests"} {
		if _, err := tx.exec(`UPDATE `+t+` SET case_id = ? WHERE case_id = ?`, into, from); err != nil {
			return err
		}
	}
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM plans WHERE case_id = ?`, into).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		if _, err := tx.exec(`UPDATE plans SET case_id = ? WHERE case_id = ?`, into, from); err != nil {
			return err
		}
	} else if _, err := tx.exec(`DELETE FROM plans WHERE case_id = ?`, from); err != nil {
		return err
	}
	rows, err := tx.query(`SELECT DISTINCT a.owner_organisation_id, a.owner_professional_id FROM plan_actions a WHERE a.case_id = ? AND a.status = 'open'
		AND NOT EXISTS (SELECT 1 FROM participations p WHERE p.case_id = ? AND p.organisation_id = a.owner_organisation_id AND p.status = 'active')`, into, into)
	if err != nil {
		return err
	}
	var owners [][2]int64
	for rows.Next() {
		var o [2]int64
		if err := rows.Scan(&o[0], &o[1]); err != nil {
			rows.Close()
			return err
		}
		owners = append(owners, o)
	}
	rows.Close()
	for _, o := range owners {
		if err := tx.JoinCase(into, o[0], o[1]); err != nil {
			return err
		}
	}
	return nil
}

package app

// Reading the plan and the workspace of a case: storage returns the
// records, and what follows from them on this day (overdue actions and
// reviews, who talks with the family, the next consultation, the phase)
// is decided here by internal/plan.

import (
	"schakel"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// today is the transaction's calendar date in the Netherlands.
func today(tx *storage.Tx) plan.Date { return plan.DateOf(tx.Now(), workdays.Location()) }

// planOf reads a case's plan (version is the case version to report with
// it) and annotates it for today.
func planOf(tx *storage.Tx, caseID, version int64) (schakel.Plan, error) {
	p, err := tx.PlanOf(caseID, version)
	plan.Annotate(&p, today(tx))
	return p, err
}

// actionOf reads one action, marked overdue when it is.
func actionOf(tx *storage.Tx, actionID int64) (schakel.Action, error) {
	a, err := tx.Action(actionID)
	return annotated(tx, a, err)
}

// actionOnCase reads one action of a case, marked overdue when it is.
func actionOnCase(tx *storage.Tx, caseID, actionID int64) (schakel.Action, error) {
	a, err := tx.ActionOnCase(caseID, actionID)
	return annotated(tx, a, err)
}

func annotated(tx *storage.Tx, a schakel.Action, err error) (schakel.Action, error) {
	if err != nil {
		return a, err
	}
	one := []schakel.Action{a}
	plan.AnnotateActions(one, today(tx))
	return one[0], nil
}

// caseAndWorkspace reads a case with its workspace in a fixed number of
// round trips (storage.CaseAndWorkspace) and derives the rest.
func caseAndWorkspace(tx *storage.Tx, caseID int64) (schakel.Case, schakel.Workspace, error) {
	c, w, err := tx.CaseAndWorkspace(caseID)
	return derived(tx, c, w, err)
}

// caseWithWorkspace reads a case with its workspace in the transaction's
// own queries (storage.CaseWithWorkspace) and derives the rest.
func caseWithWorkspace(tx *storage.Tx, caseID int64) (schakel.Case, schakel.Workspace, error) {
	c, w, err := tx.CaseWithWorkspace(caseID)
	return derived(tx, c, w, err)
}

func derived(tx *storage.Tx, c schakel.Case, w schakel.Workspace, err error) (schakel.Case, schakel.Workspace, error) {
	if err != nil {
		return c, w, err
	}
	plan.Annotate(&w.Plan, today(tx))
	plan.DeriveWorkspace(&c, &w, tx.Now())
	return c, w, nil
}

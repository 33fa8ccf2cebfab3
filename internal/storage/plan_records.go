package storage

// The action plan's records: actions, the plan with its agreement and
// reviews. SQL only: the use cases in internal/app decide.

import (
	"cmp"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/plan"
)

// CaseState returns a case's status and the case it was merged into (0
// for none).
func (tx *Tx) CaseState(caseID int64) (status string, mergedInto int64, err error) {
	var merged sql.NullInt64
	err = tx.queryRow(`SELECT status, merged_into FROM cases WHERE id = ?`, caseID).Scan(&status, &merged)
	return status, merged.Int64, err
}

// LockCase raises the case version and so takes the case's row lock for
// the rest of the transaction (see lockCase): writers on one case queue.
// With expected > 0 it answers a conflict when the case changed since.
func (tx *Tx) LockCase(caseID, expected int64) (int64, error) { return tx.lockCase(caseID, expected) }

// ActiveOrganisations is the set of organisations that take part in the
// case now.
func (o CaseOrgs) ActiveOrganisations() map[int64]bool { return o.active() }

// ActiveProfessionals returns the organisation of each active professional
// among ids.
func (tx *Tx) ActiveProfessionals(ids ...int64) (map[int64]int64, error) {
	return tx.activeProfessionals(ids...)
}

// ConsultationOnCase returns the status of a consultation of this case;
// onCase is false when the consultation is not on it (or does not exist).
func (tx *Tx) ConsultationOnCase(caseID, consultationID int64) (status string, onCase bool, err error) {
	err = tx.queryRow(`SELECT status FROM consultations WHERE id = ? AND case_id = ?`, consultationID, caseID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return status, err == nil, err
}

// ActionRecord is a new action as stored.
type ActionRecord struct {
	CaseID              int64
	Title               string
	Kind                string
	For                 *string
	OwnerOrganisationID int64
	OwnerProfessionalID int64
	Due                 plan.Date
	CreatedBy           int64
}

// InsertAction stores a new open action, creating the case's (draft) plan
// when it has none yet.
func (tx *Tx) InsertAction(r ActionRecord) (int64, error) {
	if err := tx.ensurePlan(r.CaseID); err != nil {
		return 0, err
	}
	var forWhom any
	if r.For != nil {
		forWhom = *r.For
	}
	return tx.insert(`INSERT INTO plan_actions (case_id, title, kind, for_whom, owner_organisation_id, owner_professional_id, due_date,
		status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
		r.CaseID, trim(r.Title), r.Kind, forWhom, r.OwnerOrganisationID, r.OwnerProfessionalID, r.Due.Time, r.CreatedBy, tx.now, tx.now)
}

// ActionState returns what the rules need of an action of a case; not
// found when the action is not on that case.
func (tx *Tx) ActionState(caseID, actionID int64) (plan.CurrentAction, error) {
	var cur plan.CurrentAction
	err := tx.queryRow(`SELECT status, owner_organisation_id, owner_professional_id FROM plan_actions WHERE id = ? AND case_id = ?`, actionID, caseID).
		Scan(&cur.Status, &cur.OwnerOrganisationID, &cur.OwnerProfessionalID)
	if errors.Is(err, sql.ErrNoRows) {
		return cur, notFound("Actie")
	}
	return cur, err
}

// ChangeActionRecord stores a checked change of an action; due is the
// parsed new due date, nil to keep it.
func (tx *Tx) ChangeActionRecord(actionID int64, ch plan.ActionChange, due *plan.Date) error {
	set, args := "updated_at = ?", []any{tx.now}
	if ch.Status != nil {
		set += ", status = ?"
		args = append(args, *ch.Status)
		if *ch.Status != schakel.ActionOpen {
			set += ", done_at = ?"
			args = append(args, tx.now)
		}
	}
	if ch.OwnerOrganisationID != nil {
		set += ", owner_organisation_id = ?"
		args = append(args, *ch.OwnerOrganisationID)
	}
	if ch.OwnerProfessionalID != nil {
		set += ", owner_professional_id = ?"
		args = append(args, *ch.OwnerProfessionalID)
	}
	if due != nil {
		set += ", due_date = ?"
		args = append(args, due.Time)
	}
	_, err := tx.exec(`UPDATE plan_actions SET `+set+` WHERE id = ?`, append(args, actionID)...)
	return err
}

// Action reads one action.
func (tx *Tx) Action(actionID int64) (schakel.Action, error) {
	as, err := tx.actions(`a.id = ?`, actionID)
	if err != nil {
		return schakel.Action{}, err
	}
	if len(as) == 0 {
		return schakel.Action{}, notFound("Actie")
	}
	return as[0], nil
}

const actionSelect = `SELECT a.id, a.case_id, a.title, a.family_text, a.kind, a.for_whom, o.id, o.name, o.kind, op.id, op.name, op.phone, op.email,
	a.due_date, a.status, cb.id, cb.name, a.created_at, a.updated_at, a.done_at
	FROM plan_actions a JOIN organisations o ON o.id = a.owner_organisation_id JOIN professionals op ON op.id = a.owner_professional_id
	JOIN professionals cb ON cb.id = a.created_by`

// actionOrder: safety agreements first, then actions, then goals; within a
// kind by due date.
var actionOrder = map[string]int{schakel.ActionSafetyAgreement: 0, schakel.ActionTask: 1, schakel.ActionGoal: 2}

func (tx *Tx) actions(where string, args ...any) ([]schakel.Action, error) {
	rows, err := tx.query(actionSelect+` WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.Action{}
	for rows.Next() {
		var a schakel.Action
		var forWhom sql.NullString
		var due time.Time
		var done sql.NullTime
		if err := rows.Scan(&a.ID, &a.CaseID, &a.Title, &a.FamilyText, &a.Kind, &forWhom, &a.Owner.ID, &a.Owner.Name, &a.Owner.Kind,
			&a.OwnerProfessional.ID, &a.OwnerProfessional.Name, &a.OwnerProfessional.Phone, &a.OwnerProfessional.Email,
			&due, &a.Status, &a.CreatedBy.ID, &a.CreatedBy.Name, &a.CreatedAt, &a.UpdatedAt, &done); err != nil {
			return nil, err
		}
		if forWhom.Valid {
			s := forWhom.String
			a.For = &s
		}
		a.DueDate = plan.Date{Time: due.UTC()}.String()
		a.CreatedAt, a.UpdatedAt, a.DoneAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC(), nullTime(done)
		out = append(out, a)
	}
	sortActions(out)
	return out, rows.Err()
}

// sortActions puts actions in actionOrder, then by due date and id. It
// sorts their positions and moves each action once: sorting the actions
// themselves moved them many times over, a third of reading 200 of them.
func sortActions(out []schakel.Action) {
	at := make([]int, len(out))
	for i := range at {
		at[i] = i
	}
	slices.SortStableFunc(at, func(i, j int) int {
		a, b := &out[i], &out[j]
		return cmp.Or(cmp.Compare(actionOrder[a.Kind], actionOrder[b.Kind]), strings.Compare(a.DueDate, b.DueDate), cmp.Compare(a.ID, b.ID))
	})
	sorted := make([]schakel.Action, len(out))
	for k, i := range at {
		sorted[k] = out[i]
	}
	copy(out, sorted)
}

// CaseVersion is a case's version now.
func (tx *Tx) CaseVersion(caseID int64) (int64, error) {
	var v int64
	err := tx.queryRow(`SELECT version FROM cases WHERE id = ?`, caseID).Scan(&v)
	return v, err
}

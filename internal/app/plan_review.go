package app

import (
	"context"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// ReviewPlan records a check-plan-do review of the agreed plan (what was
// checked, what changed and why) and sets the next review date
// (plan.CheckReview). An expected version (> 0) refuses when the case
// changed since the client read it.
func (a *App) ReviewPlan(ctx context.Context, actor *schakel.Actor, caseID int64, in plan.ReviewInput) (schakel.Plan, error) {
	var out schakel.Plan
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventCreate, detail: "plan review", expected: in.Version, open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		status, err := tx.PlanStatus(caseID)
		if err != nil {
			return err
		}
		next, err := plan.CheckReview(in, status == schakel.PlanAgreed, today(tx))
		if err != nil {
			return err
		}
		if err := consultationOnCase(tx, caseID, in.ConsultationID); err != nil {
			return err
		}
		me := actor.Professional
		if err := tx.InsertPlanReview(storage.ReviewRecord{CaseID: caseID, ConsultationID: in.ConsultationID, Checked: in.Checked,
			Changed: in.Changed, Why: in.Why, Next: next, ProfessionalID: me.ID, OrgID: me.Organisation.ID}); err != nil {
			return err
		}
		version, err := tx.CaseVersion(caseID)
		if err != nil {
			return err
		}
		out, err = planOf(tx, caseID, version)
		return err
	})
	return out, err
}

// consultationOnCase checks an optional consultation (0: none) named by a
// command against the case: a field error when it is not on it.
func consultationOnCase(tx *storage.Tx, caseID, consultationID int64) error {
	if consultationID <= 0 {
		return nil
	}
	_, onCase, err := tx.ConsultationOnCase(caseID, consultationID)
	if err != nil || onCase {
		return err
	}
	return &schakel.Error{Code: schakel.EINVALID, Message: "Dit overleg hoort niet bij deze casus.",
		Fields: []schakel.FieldError{{Field: "consultation_id", Code: "not_on_case", Message: "Dit overleg hoort niet bij deze casus."}}}
}

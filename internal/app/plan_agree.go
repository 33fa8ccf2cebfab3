package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// ErrAgreeChecked is AgreePlan's answer to a dry run that passed every
// check: nothing was written.
var ErrAgreeChecked = errors.New("plan may be agreed; dry run, nothing written")

// AgreePlan agrees a case's plan at a consultation, with a review date
// (plan.CheckAgree): at a consultation on the case that was held, by the
// organisation with regie or with its recorded consent, once, and only
// when someone talks with the parents and someone with the child. The
// version the client saw is required (409 when the case changed since).
func (a *App) AgreePlan(ctx context.Context, actor *schakel.Actor, caseID int64, in plan.AgreeInput) (schakel.Plan, error) {
	var out schakel.Plan
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: "agree plan", expected: in.Version, open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		version, err := tx.CaseVersion(caseID)
		if err != nil {
			return err
		}
		cur, err := planOf(tx, caseID, version)
		if err != nil {
			return err
		}
		f, err := agreeFacts(tx, actor, caseID, in.ConsultationID, cur)
		if err != nil {
			return err
		}
		review, err := plan.CheckAgree(in, f)
		if err != nil {
			return err
		}
		if in.DryRun {
			return ErrAgreeChecked
		}
		consent := ""
		if !f.HoldsRegie {
			consent = strings.TrimSpace(in.RegieConsent)
		}
		agreed, err := tx.AgreePlanRecord(caseID, in.ConsultationID, actor.Professional.ID, review, consent)
		if err != nil {
			return err
		}
		if !agreed {
			return schakel.Errorf(schakel.ECONFLICT, "Dit plan is net door iemand anders vastgesteld.")
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "plan", ResourceID: fmt.Sprint(caseID), AccessBasis: audit.BasisParticipation,
			Detail: fmt.Sprintf("plan agreed at consultation %d, review %s, regie consent %q", in.ConsultationID, review, consent)})
		out, err = planOf(tx, caseID, version)
		return err
	})
	return out, err
}

// agreeFacts loads what the agree rule decides on: the plan as it stands,
// the named consultation, and whether the actor's organisation holds regie.
func agreeFacts(tx *storage.Tx, actor *schakel.Actor, caseID, consultationID int64, cur schakel.Plan) (plan.AgreeFacts, error) {
	f := plan.AgreeFacts{Today: today(tx), AlreadyAgree: cur.Status == schakel.PlanAgreed, Actions: cur.Actions}
	if cur.AgreedAt != nil {
		f.AgreedOn = cur.AgreedAt.In(workdays.Location())
	}
	if consultationID > 0 {
		var err error
		if f.ConsultationStatus, f.ConsultationOnCase, err = tx.ConsultationOnCase(caseID, consultationID); err != nil {
			return f, err
		}
	}
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return f, err
	}
	f.HoldsRegie = orgs.RegieHolder() == actor.Professional.Organisation.ID
	return f, nil
}

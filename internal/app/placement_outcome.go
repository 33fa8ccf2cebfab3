package app

import (
	"context"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/prevention"
	"schakel/internal/storage"
)

// RecordReviewOutcome records what a held placement-prevention review
// decided: the checklist of alternatives, the outcome and the root causes
// (issue 16, items 4 and 5). A panel member or an organisation that may
// change the case records it, once.
func (a *App) RecordReviewOutcome(ctx context.Context, actor *schakel.Actor, reviewID int64, o prevention.Outcome) (schakel.PlacementReview, error) {
	var out schakel.PlacementReview
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		r, err := tx.PlacementReviewByID(reviewID)
		if err != nil {
			return err
		}
		if err := a.guardReview(tx, actor, r, access.Write, audit.EventUpdate, "record review outcome"); err != nil {
			return err
		}
		if r.Held() {
			d := access.Decision{Basis: audit.BasisNone, Reason: "outcome already recorded"}
			return tx.RefuseWith(d, schakel.Errorf(schakel.ECONFLICT, "De uitkomst van deze plaatsingstafel is al vastgelegd. Een nieuwe overweging opent een nieuwe plaatsingstafel."))
		}
		if err := prevention.ValidateOutcome(r, o, tx.Now()); err != nil {
			d := access.Decision{Basis: audit.BasisNone, Reason: "invalid outcome"}
			return tx.RefuseWith(d, err)
		}
		held := o.HeldAt.UTC()
		r.HeldAt, r.Outcome, r.ChosenAlternative, r.OutcomeNote = &held, o.Outcome, o.ChosenAlternative, o.Note
		r.NextReview, r.Alternatives, r.Causes = o.NextReview, o.Alternatives, o.Causes
		if o.Outcome != schakel.OutcomeNoPlacement {
			r.NextReview = ""
		}
		if err := tx.RecordReviewOutcome(r.ID, actor.Professional.ID, r); err != nil {
			return err
		}
		out, err = tx.PlacementReviewByID(r.ID)
		return err
	})
	return out, err
}

// guardReview lets a panel member in under the review rules (basis
// review) and anyone else only under the case's own rules; both are
// audited, and a refusal keeps nothing but its entry.
func (a *App) guardReview(tx *storage.Tx, actor *schakel.Actor, r schakel.PlacementReview, act access.Action, event, detail string) error {
	if onPanel(r, actor) {
		orgs, err := tx.CaseOrganisations(r.CaseID)
		if err != nil {
			return err
		}
		seat := access.ReviewSeat{OnPanel: true, CaseRegion: orgs.Region()}
		if r.HeldAt != nil {
			seat.AccessUntil = prevention.AccessUntil(*r.HeldAt)
		}
		return tx.AuditReviewAccess(actor, access.DecideReviewExtract(access.SubjectFor(actor), seat, tx.Now()), event, r, detail)
	}
	_, err := guardCase(tx, actor, r.CaseID, act, event, detail)
	return err
}

func onPanel(r schakel.PlacementReview, actor *schakel.Actor) bool {
	if actor == nil || actor.Professional == nil {
		return false
	}
	for _, m := range r.Panel {
		if m.Professional.ID == actor.Professional.ID {
			return true
		}
	}
	return false
}

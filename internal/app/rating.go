package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/crisismeter"
	"schakel/internal/intake"
	"schakel/internal/storage"
)

// RateCase records a new colour for a case (re-rating at any time). A
// change needs a reason; lowering red waits for a second professional;
// raising to red opens a crisis consultation at once. expectedVersion (0 to
// skip) guards against lost updates.
func (a *App) RateCase(ctx context.Context, actor *schakel.Actor, caseID int64, color, reason string, expectedVersion int64) (schakel.Rating, *schakel.Consultation, error) {
	var g schakel.Rating
	var cons *schakel.Consultation
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: "rating " + color, expected: expectedVersion}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		var err error
		if g, err = applyRating(tx, actor, caseID, crisismeter.Color(color), reason, 0); err != nil {
			return err
		}
		switch {
		case g.Status == schakel.RatingPendingSecond:
			return notifyTeamLeads(tx, actor.Professional.Organisation.ID, caseID, 0, "second_opinion",
				fmt.Sprintf("%s wil casus %d verlagen van rood naar %s. Een tweede professional moet dit bevestigen.",
					actor.Professional.Name, caseID, crisismeter.Color(color).Dutch()))
		case g.Status != schakel.RatingConfirmed:
			return nil
		}
		if err := tx.RecordRated(actor, caseID); err != nil {
			return err
		}
		if g.Color != string(crisismeter.Red) {
			return nil
		}
		sig, err := tx.CaseSignals(caseID)
		if err != nil {
			return err
		}
		cons, err = a.crisisTable(tx, actor, caseID, signalsOfCase(sig))
		return err
	})
	return g, cons, err
}

// ConfirmLowering lets a second professional confirm (or reject) a pending
// lowering of red.
func (a *App) ConfirmLowering(ctx context.Context, actor *schakel.Actor, caseID, ratingID int64, approve bool) (schakel.Rating, error) {
	var g schakel.Rating
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate,
		detail: fmt.Sprintf("second opinion on rating %d: %v", ratingID, approve)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		r, err := tx.RatingOf(caseID, ratingID)
		if err != nil {
			return err
		}
		if r.Status == schakel.RatingProposed {
			return schakel.Errorf(schakel.ECONFLICT, "Deze kleur is een voorstel van de regels en wacht niet op een tweede professional. Bevestig het voorstel of kies zelf een kleur.")
		}
		if r.Status != schakel.RatingPendingSecond {
			return schakel.Errorf(schakel.ECONFLICT, "Deze beoordeling wacht niet (meer) op een tweede professional.")
		}
		if err := crisismeter.CheckSecond(r.RatedBy, actor.Professional.ID); err != nil {
			return schakel.Errorf(schakel.EFORBIDDEN, "Een verlaging van rood moet door een andere professional worden bevestigd.")
		}
		status := schakel.RatingConfirmed
		if !approve {
			status = schakel.RatingRejected
		}
		if err := tx.DecideRating(ratingID, status, actor.Professional.ID); err != nil {
			return err
		}
		if approve {
			if err := tx.SetCaseColor(caseID, r.Color); err != nil {
				return err
			}
			if err := tx.RecordRated(actor, caseID); err != nil {
				return err
			}
		}
		g, err = tx.Rating(caseID, ratingID)
		return err
	})
	return g, err
}

func reasonsOf(p crisismeter.Proposal) []schakel.Reason {
	out := []schakel.Reason{}
	for _, r := range p.Reasons {
		out = append(out, schakel.Reason{Code: r.Code, Text: r.Text, Color: string(r.Color)})
	}
	return out
}

// rateFromProposal stores the rules' proposal, and the intake worker's
// confirmation or change when given in the same submission. The rules'
// proposal may raise a case's colour, never lower it: only a professional
// lowers a colour (and red only with a second one).
// It also returns the case's colour after the rating ("" when a
// professional's choice was applied and the colour must be read again).
func (a *App) rateFromProposal(tx *storage.Tx, actor *schakel.Actor, caseID, reportID int64, prop crisismeter.Proposal, choice *intake.RatingChoice) (schakel.Rating, string, error) {
	reasons := reasonsOf(prop)
	current, err := tx.CaseColor(caseID)
	if err != nil {
		return schakel.Rating{}, "", err
	}
	raise := prop.Color.Rank() > crisismeter.Color(current).Rank()
	g, err := tx.InsertProposedRating(caseID, reportID, string(prop.Color), reasons, raise)
	if err != nil {
		return g, "", err
	}
	if raise {
		current = string(prop.Color)
	}
	if choice == nil {
		return g, current, nil
	}
	next, err := applyRating(tx, actor, caseID, crisismeter.Color(choice.Color), choice.Reason, reportID)
	if err != nil {
		return g, "", err
	}
	next.Reasons, next.Proposed = reasons, g.Proposed
	return next, "", nil
}

// applyRating records a professional's colour for a case: a confirmation,
// a change with a written reason, or a lowering of red that waits for a
// second professional.
func applyRating(tx *storage.Tx, actor *schakel.Actor, caseID int64, to crisismeter.Color, reason string, reportID int64) (schakel.Rating, error) {
	from, err := tx.CaseColor(caseID)
	if err != nil {
		return schakel.Rating{}, err
	}
	reason = strings.TrimSpace(reason)
	if err := checkChange(crisismeter.Color(from), to, reason); err != nil {
		return schakel.Rating{}, err
	}
	status := schakel.RatingConfirmed
	if crisismeter.NeedsSecondProfessional(crisismeter.Color(from), to) {
		status = schakel.RatingPendingSecond
		if pending, err := tx.PendingLowerings(caseID); err != nil {
			return schakel.Rating{}, err
		} else if pending > 0 {
			return schakel.Rating{}, schakel.Errorf(schakel.ECONFLICT, "Er wacht al een verlaging van rood op een tweede professional.")
		}
	}
	if status == schakel.RatingConfirmed && string(to) == from {
		// Confirming the colour the rules proposed: the proposal becomes
		// the professional's own rating.
		pid, err := tx.LatestProposal(caseID)
		if err != nil {
			return schakel.Rating{}, err
		}
		if pid != 0 {
			if err := tx.ConfirmProposal(pid, actor.Professional.ID, reason); err != nil {
				return schakel.Rating{}, err
			}
			return tx.Rating(caseID, pid)
		}
	}
	id, err := tx.InsertRating(storage.RatingRecord{CaseID: caseID, ReportID: reportID, Color: string(to), From: from,
		Reason: reason, Status: status, RatedBy: actor.Professional.ID})
	if err != nil {
		return schakel.Rating{}, err
	}
	if status == schakel.RatingConfirmed {
		// A professional's colour replaces open proposals of the rules.
		if err := tx.SupersedeProposals(caseID); err != nil {
			return schakel.Rating{}, err
		}
		if err := tx.SetCaseColor(caseID, string(to)); err != nil {
			return schakel.Rating{}, err
		}
	}
	return schakel.Rating{ID: id, Color: string(to), Proposed: from, Reasons: []schakel.Reason{}, Reason: reason, Status: status,
		RatedBy: &schakel.Contact{ID: actor.Professional.ID, Name: actor.Professional.Name}, CreatedAt: tx.Now()}, nil
}

// checkChange turns the crisismeter's verdict on a colour change into a
// field error of the form.
func checkChange(from, to crisismeter.Color, reason string) error {
	err := crisismeter.CheckChange(crisismeter.Change{From: from, To: to, Reason: reason})
	switch {
	case errors.Is(err, crisismeter.ErrInvalidColor):
		return &schakel.Error{Code: schakel.EINVALID, Message: "Kies rood, oranje of groen.",
			Fields: []schakel.FieldError{{Field: "color", Code: "unknown", Message: "Kies rood, oranje of groen."}}}
	case errors.Is(err, crisismeter.ErrReasonRequired):
		return &schakel.Error{Code: schakel.EINVALID, Message: "Schrijf op waarom u de kleur verandert.",
			Fields: []schakel.FieldError{{Field: "reason", Code: "required", Message: fmt.Sprintf("Geef een reden van minstens %d tekens.", crisismeter.MinReasonChars)}}}
	}
	return err
}

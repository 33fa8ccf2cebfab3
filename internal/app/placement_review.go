package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/prevention"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
	"schakel/internal/workdays"
)

// ConsiderInput records that a placement out of home is considered.
type ConsiderInput struct {
	Reason    string
	Emergency bool  // a spoedmachtiging is on its way: the review follows
	Expected  int64 // the case version the caller saw; 0 skips the check
}

// ConsiderPlacement records on a case that a placement is considered (issue
// 16, item 2) and opens its placement-prevention review, due within five
// working days, with a proposed panel of two or three network members. A
// case with an open review keeps it: the answer is that review. Only an
// organisation that may change the case may do it.
func (a *App) ConsiderPlacement(ctx context.Context, actor *schakel.Actor, caseID int64, in ConsiderInput) (schakel.PlacementReview, error) {
	var out schakel.PlacementReview
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, expected: in.Expected, detail: "placement considered"}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		reason := strings.TrimSpace(in.Reason)
		if fe := considerReason(reason); fe != nil {
			return refuseReview(tx, actor, caseID, *fe)
		}
		existing, err := tx.PlacementReviews(caseID)
		if err != nil {
			return err
		}
		for _, r := range existing {
			if !r.Held() {
				out = r
				return nil
			}
		}
		id, err := a.openReview(tx, actor, caseID, reason, in.Emergency)
		if err != nil {
			return err
		}
		out, err = tx.PlacementReviewByID(id)
		return err
	})
	return out, err
}

// openReview writes a new review with its proposed panel and tells the
// panel members (their work list names the review, never the family) and,
// when expertise is missing, the proposer's team leads.
func (a *App) openReview(tx *storage.Tx, actor *schakel.Actor, caseID int64, reason string, emergency bool) (int64, error) {
	sig, err := tx.CaseSignals(caseID)
	if err != nil {
		return 0, err
	}
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return 0, err
	}
	members, err := tx.NetworkMembers(orgs.Region())
	if err != nil {
		return 0, err
	}
	me := actor.Professional
	panel := prevention.ProposePanel(prevention.WantedExpertise(sig.Concerns, sig.Finances), candidates(members), me.Organisation.ID, me.ID)
	due := prevention.DueAt(tx.Now())
	id, err := tx.InsertPlacementReview(caseID, me.ID, reason, emergency, due, panel.Missing)
	if err != nil {
		return 0, err
	}
	when := due.In(workdays.Location()).AddDate(0, 0, -1).Format("2 January 2006")
	for _, m := range panel.Members {
		if err := tx.AddPanelMember(id, m.ProfessionalID); err != nil {
			return 0, err
		}
		text := fmt.Sprintf("U bent gevraagd voor plaatsingstafel %d: denk mee over alternatieven voor een uithuisplaatsing, uiterlijk %s.", id, when)
		if err := tx.NotifyPanelMember(m.ProfessionalID, text); err != nil {
			return 0, err
		}
	}
	if len(panel.Members) < prevention.MinPanel || len(panel.Missing) > 0 {
		text := fmt.Sprintf("Plaatsingstafel %d is niet compleet: er is te weinig netwerk met de nodige deskundigheid. Vraag collega's zich aan te melden.", id)
		if err := tx.NotifyTeamLeads(me.Organisation.ID, caseID, 0, "placement_review_incomplete", text); err != nil {
			return 0, err
		}
	}
	return id, nil
}

func candidates(members []schakel.NetworkMember) []prevention.Candidate {
	out := make([]prevention.Candidate, len(members))
	for i, m := range members {
		out[i] = prevention.Candidate{ProfessionalID: m.Professional.ID, OrganisationID: m.Organisation.ID, Expertises: m.Expertises, Reviews: m.Reviews}
	}
	return out
}

func considerReason(reason string) *schakel.FieldError {
	switch {
	case reason == "":
		return &schakel.FieldError{Field: "reason", Code: "required", Message: "Schrijf op waarom een uithuisplaatsing wordt overwogen."}
	case textlimit.Over(reason, textlimit.Reason):
		return &schakel.FieldError{Field: "reason", Code: textlimit.CodeTooLong, Message: textlimit.TooLongMessage(textlimit.Reason, textlimit.Len(reason))}
	}
	return nil
}

// refuseReview refuses a review command with a field error: audited, and
// nothing else of the command stays.
func refuseReview(tx *storage.Tx, actor *schakel.Actor, caseID int64, fe schakel.FieldError) error {
	d := access.Decision{Basis: audit.BasisNone, Reason: fe.Message}
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "placement_review", ResourceID: fmt.Sprint(caseID),
		Detail: "refused: " + fe.Field + " " + fe.Code})
	return tx.RefuseWith(d, &schakel.Error{Code: schakel.EINVALID, Message: "Niet alle velden zijn goed ingevuld.", Fields: []schakel.FieldError{fe}})
}

package app

import (
	"context"
	"fmt"
	"strings"
	"time"

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
		if err := notifyTeamLeads(tx, me.Organisation.ID, caseID, 0, "placement_review_incomplete", text); err != nil {
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

// CaseReviews lists a case's placement-prevention reviews for those who may
// read the case.
func (a *App) CaseReviews(ctx context.Context, actor *schakel.Actor, caseID int64) ([]schakel.PlacementReview, error) {
	var out []schakel.PlacementReview
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCase(tx, actor, caseID, access.Read, audit.EventRead, "placement reviews"); err != nil {
			return err
		}
		var err error
		out, err = tx.PlacementReviews(caseID)
		return err
	})
	return nonNilReviews(out), err
}

// PanelReview is a review as a panel member's list shows it: nothing of
// the family or the case (the extract is read one review at a time).
type PanelReview struct {
	ID           int64                 `json:"id"`
	ConsideredAt time.Time             `json:"considered_at"`
	DueAt        time.Time             `json:"due_at"`
	HeldAt       *time.Time            `json:"held_at"`
	Emergency    bool                  `json:"emergency"`
	Outcome      string                `json:"outcome"`
	Panel        []schakel.PanelMember `json:"panel"`
}

// PanelReviews lists the reviews the actor sits on the panel of.
func (a *App) PanelReviews(ctx context.Context, actor *schakel.Actor) ([]PanelReview, error) {
	out := []PanelReview{}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		s := access.SubjectFor(actor)
		d := access.DecideNetworkList(s)
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "placement_review", ResourceID: "panel", Detail: "own panels"})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		rs, err := tx.PanelReviews(s.ProfessionalID)
		for _, r := range rs {
			out = append(out, PanelReview{ID: r.ID, ConsideredAt: r.ConsideredAt, DueAt: r.DueAt, HeldAt: r.HeldAt,
				Emergency: r.Emergency, Outcome: r.Outcome, Panel: r.Panel})
		}
		return err
	})
	return out, err
}

func nonNilReviews(rs []schakel.PlacementReview) []schakel.PlacementReview {
	if rs == nil {
		return []schakel.PlacementReview{}
	}
	return rs
}

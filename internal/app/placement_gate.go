package app

import (
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/prevention"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// courtGate runs inside every command that records a request to the court
// to place a child (issue 16, item 2): the Raad's urgent request for a
// spoedmachtiging, and a petition for a placement authorisation. Without a
// held review it refuses, naming the next step; in an emergency it lets the
// request through, opens the review if none is open (due in five working
// days) and reminds the team leads of the requester's organisation.
func (a *App) courtGate(tx *storage.Tx, actor *schakel.Actor, caseID int64, emergency bool) error {
	reviews, err := tx.PlacementReviews(caseID)
	if err != nil {
		return err
	}
	g := prevention.CourtGate(reviews, emergency)
	if !g.Allowed {
		d := access.Decision{Basis: audit.BasisNone, Reason: "placement request without a held placement-prevention review"}
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "placement_review", ResourceID: fmt.Sprint(caseID),
			Detail: "court request refused: review_required"})
		return tx.RefuseWith(d, &schakel.Error{Code: schakel.ECONFLICT, Message: g.Reason,
			Fields: []schakel.FieldError{{Field: "placement_review", Code: "review_required", Message: g.Reason}}})
	}
	if !g.Reminder {
		return nil
	}
	id := int64(0)
	if g.OpenReview {
		if id, err = a.openReview(tx, actor, caseID, "Spoedmachtiging aangevraagd: de plaatsingstafel volgt.", true); err != nil {
			return err
		}
	} else {
		for _, r := range reviews {
			if !r.Held() {
				id = r.ID
			}
		}
	}
	due := prevention.DueAt(tx.Now()).In(workdays.Location()).AddDate(0, 0, -1).Format("2 January 2006")
	text := fmt.Sprintf("Spoedmachtiging op casus %d zonder plaatsingstafel vooraf: plaatsingstafel %d volgt, uiterlijk %s.", caseID, id, due)
	return notifyTeamLeads(tx, actor.Professional.Organisation.ID, caseID, 0, "placement_review_after_emergency", text)
}

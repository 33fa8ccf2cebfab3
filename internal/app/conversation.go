package app

import (
	"context"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// AddConversation logs a conversation with the family once, for everyone
// on the case (plan.ValidateConversation). The same conversation
// (plan.SameConversation: the same minute, the same family members)
// logged a second time is refused with a pointer to the first: the family
// tells its story once.
func (a *App) AddConversation(ctx context.Context, actor *schakel.Actor, caseID int64, in plan.ConversationInput) (schakel.Conversation, error) {
	var out schakel.Conversation
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventCreate, detail: "family conversation", open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		persons, err := tx.CasePersonIDs(caseID)
		if err != nil {
			return err
		}
		pros, err := tx.ActiveProfessionals(in.ProfessionalIDs...)
		if err != nil {
			return err
		}
		onCase, active := map[int64]bool{}, map[int64]bool{}
		for _, id := range persons {
			onCase[id] = true
		}
		for id := range pros {
			active[id] = true
		}
		at, err := plan.ValidateConversation(in, tx.Now(), onCase, active)
		if err != nil {
			return err
		}
		if err := notLoggedYet(tx, caseID, at, in.PersonIDs); err != nil {
			return err
		}
		me := actor.Professional
		out, err = tx.InsertConversation(storage.ConversationRecord{CaseID: caseID, HeldAt: at, Joint: in.Joint, Others: in.Others,
			Summary: in.Summary, ProfessionalIDs: in.ProfessionalIDs, PersonIDs: in.PersonIDs, OrganisationID: me.Organisation.ID, LoggedBy: me.ID})
		return err
	})
	return out, err
}

// notLoggedYet refuses a conversation that someone already logged.
func notLoggedYet(tx *storage.Tx, caseID int64, at time.Time, persons []int64) error {
	logged, err := tx.ConversationsInMinute(caseID, at)
	if err != nil {
		return err
	}
	for _, c := range logged {
		if plan.SameConversation(c.HeldAt, c.PersonIDs, at, persons) {
			return schakel.Errorf(schakel.ECONFLICT, "Dit gesprek is al vastgelegd door %s (gesprek %d). Vul dat zo nodig aan; de familie vertelt het één keer.", c.LoggedBy, c.ID)
		}
	}
	return nil
}

package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// DecisionInput is the Raad's decision.
type DecisionInput struct {
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

// RecordDecision records the Raad's own decision (plan.ValidateDecision).
// Only a Raad professional of a participating Raad records it (access
// resource RaadDecision): anyone else is refused with 403 and the refusal
// is audited. It stands as the Raad's own: nobody changes or removes it; a
// later decision is added. The organisation with regie hears of it.
func (a *App) RecordDecision(ctx context.Context, actor *schakel.Actor, caseID int64, in DecisionInput) (schakel.RaadDecision, error) {
	var out schakel.RaadDecision
	cmd := caseCommand{caseID: caseID, resource: access.RaadDecision, action: access.Write, event: audit.EventCreate,
		detail: "raad decision " + in.Kind, open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		if err := plan.ValidateDecision(in.Kind, in.Reason); err != nil {
			return err
		}
		if in.Kind == schakel.DecisionUrgentPlacement {
			// A spoedmachtiging goes first; the placement-prevention review follows.
			if err := a.courtGate(tx, actor, caseID, true); err != nil {
				return err
			}
		}
		var err error
		if out, err = tx.InsertDecision(writtenBy(actor, caseID, 0), in.Kind, in.Reason); err != nil {
			return err
		}
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		regie := orgs.RegieHolder()
		if c := orgs.Contact(regie); c != 0 && regie != actor.Professional.Organisation.ID {
			return notice(tx, c, "raad_decision", caseID, 0, fmt.Sprintf("De Raad voor de Kinderbescherming heeft een besluit vastgelegd op casus %d.", caseID))
		}
		return nil
	})
	return out, err
}

package app

import (
	"context"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// ScaleInput is a safety scale (0 to 10) with its reason.
type ScaleInput struct {
	Value          *int   `json:"value"`
	Reason         string `json:"reason"`
	ConsultationID int64  `json:"consultation_id,omitempty"`
}

// AddSafetyScale records the actor's organisation's safety scale
// (plan.ValidateScale). Earlier scales stay: the history shows how safety
// developed.
func (a *App) AddSafetyScale(ctx context.Context, actor *schakel.Actor, caseID int64, in ScaleInput) (schakel.SafetyScore, error) {
	var out schakel.SafetyScore
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventCreate, detail: "safety scale", open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		if err := plan.ValidateScale(in.Value, in.Reason); err != nil {
			return err
		}
		if err := consultationOnCase(tx, caseID, in.ConsultationID); err != nil {
			return err
		}
		var err error
		out, err = tx.InsertSafetyScale(writtenBy(actor, caseID, in.ConsultationID), *in.Value, in.Reason)
		return err
	})
	return out, err
}

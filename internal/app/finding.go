package app

import (
	"context"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// FindingInput is a shared finding: what worries, what works well, what
// needs to happen.
type FindingInput struct {
	Column         string `json:"column"`
	Text           string `json:"text"`
	ConsultationID int64  `json:"consultation_id,omitempty"`
}

// AddFinding adds the actor's organisation's finding to the case record
// (plan.ValidateFinding), at a consultation of the case when one is named.
func (a *App) AddFinding(ctx context.Context, actor *schakel.Actor, caseID int64, in FindingInput) (schakel.Finding, error) {
	var out schakel.Finding
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventCreate, detail: "finding " + in.Column, open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		if err := plan.ValidateFinding(in.Column, in.Text); err != nil {
			return err
		}
		if err := consultationOnCase(tx, caseID, in.ConsultationID); err != nil {
			return err
		}
		var err error
		out, err = tx.InsertFinding(writtenBy(actor, caseID, in.ConsultationID), in.Column, in.Text)
		return err
	})
	return out, err
}

// writtenBy is what the actor's organisation writes on a case.
func writtenBy(actor *schakel.Actor, caseID, consultationID int64) storage.FindingRecord {
	return storage.FindingRecord{CaseID: caseID, ConsultationID: consultationID,
		OrganisationID: actor.Professional.Organisation.ID, ProfessionalID: actor.Professional.ID}
}

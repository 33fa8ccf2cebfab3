package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// HandOverPreview is what a bulk hand-over would move: the worker and the
// numbers of the cases they hold, for the hand-over form.
type HandOverPreview struct {
	ProfessionalID int64          `json:"professional_id"`
	Name           string         `json:"name"`
	OrganisationID int64          `json:"organisation_id"`
	Cases          []HandOverCase `json:"cases"`
}

// HandOverCase is one case position the worker holds.
type HandOverCase struct {
	CaseID   int64                  `json:"case_id"`
	Position schakel.HolderPosition `json:"position"`
	Children int                    `json:"children"`
	Measures int                    `json:"measures"`
}

// PreviewHandOver loads what a worker holds for the bulk hand-over form.
// The same people as the hand-over itself may look (the organisation's
// team lead, or the worker); a refusal is audited.
func (a *App) PreviewHandOver(ctx context.Context, actor *schakel.Actor, from int64) (HandOverPreview, error) {
	out := HandOverPreview{ProfessionalID: from, Cases: []HandOverCase{}}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		giver, err := tx.ProfessionalRecord(from)
		if err != nil {
			return err
		}
		self := actor != nil && actor.Professional != nil && actor.Professional.ID == from
		d := access.DecideCaseHolder(access.SubjectFor(actor), access.HandOverHolder, giver.Organisation.ID, self)
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "case_holder", ResourceID: "", Detail: fmt.Sprintf("hand-over preview of professional %d", from)})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		out.Name, out.OrganisationID = giver.Name, giver.Organisation.ID
		held, err := tx.HeldCases(from)
		if err != nil {
			return err
		}
		for _, h := range held {
			out.Cases = append(out.Cases, HandOverCase{CaseID: h.CaseID, Position: h.Position, Children: h.Children, Measures: h.Measures})
		}
		return nil
	})
	return out, err
}

package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// SetConsultationLocation says where and how a planned consultation meets,
// for example the video link of a crisis table that a report planned
// online. Every invitee hears of it with an update of the same calendar
// event (LOCATION and URL), like a move.
func (a *App) SetConsultationLocation(ctx context.Context, actor *schakel.Actor, id int64, in schakel.ConsultationLocation) (schakel.Consultation, error) {
	var out schakel.Consultation
	err := a.onConsultation(ctx, actor, id, "location of consultation %d", func(tx *storage.Tx, ref storage.ConsultationRef) error {
		if err := plan.CheckChangeable(ref.Status); err != nil {
			return err
		}
		before, err := tx.ConsultationByID(ref.ID)
		if err != nil {
			return err
		}
		where, err := plan.ValidateLocationChange(in, before.Location)
		if err != nil {
			return err
		}
		if err := tx.SetLocation(ref.ID, where); err != nil {
			return err
		}
		if err := tx.NextCalendarSequence(ref.ID); err != nil {
			return err
		}
		if out, err = tx.ConsultationByID(ref.ID); err != nil {
			return err
		}
		if !out.OnHold() { // only proposed: the invitation will say where
			if err := tellOfLocation(tx, out, participantIDs(out), actor.Professional); err != nil {
				return err
			}
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(ref.ID), AccessBasis: audit.BasisParticipation,
			Detail: "location: " + where.Mode})
		return nil
	})
	return out, err
}

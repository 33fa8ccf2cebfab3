package app

import (
	"context"
	"strings"

	"schakel"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// AddAgendaItem adds a point to a consultation's agenda.
func (a *App) AddAgendaItem(ctx context.Context, actor *schakel.Actor, consultationID int64, text string) (schakel.Consultation, error) {
	var out schakel.Consultation
	err := a.onConsultation(ctx, actor, consultationID, "agenda of consultation %d", func(tx *storage.Tx, ref storage.ConsultationRef) error {
		if err := plan.CheckNotCancelled(ref.Status); err != nil {
			return err
		}
		if err := plan.ValidateAgendaItem(text); err != nil {
			return err
		}
		n, err := tx.AgendaLength(ref.ID)
		if err != nil {
			return err
		}
		if err := plan.CheckAgendaRoom(n); err != nil {
			return err
		}
		if err := tx.InsertAgendaItem(ref.ID, n+1, strings.TrimSpace(text), actor.Professional.ID); err != nil {
			return err
		}
		out, err = tx.ConsultationByID(ref.ID)
		return err
	})
	return out, err
}

// AddConsultationParticipant adds someone to a consultation at any moment,
// with the reason: a named person, or an organisation or expertise for
// which an available person is chosen (at the consultation's moment, or
// now when that has passed).
func (a *App) AddConsultationParticipant(ctx context.Context, actor *schakel.Actor, consultationID int64, in plan.Invite) (schakel.Consultation, error) {
	var out schakel.Consultation
	err := a.onConsultation(ctx, actor, consultationID, "participant of consultation %d", func(tx *storage.Tx, ref storage.ConsultationRef) error {
		if err := plan.CheckNotCancelled(ref.Status); err != nil {
			return err
		}
		if err := plan.ValidateAddParticipant(in); err != nil {
			return err
		}
		when := ref.ScheduledAt
		if when.Before(tx.Now()) {
			when = tx.Now()
		}
		chosen, err := chooseInvitees(tx, ref.CaseID, in, when, nil)
		if err != nil {
			return err
		}
		if len(chosen.picked) == 0 {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Niemand beschikbaar.",
				Fields: []schakel.FieldError{{Field: "invite", Code: "unavailable", Message: "Niemand beschikbaar voor wat u vroeg."}}}
		}
		n, err := addParticipants(tx, ref, chosen.picked, actor.Professional.ID)
		if err != nil {
			return err
		}
		if n == 0 {
			return schakel.Errorf(schakel.ECONFLICT, "Wie u vroeg, is al uitgenodigd voor dit overleg.")
		}
		out, err = tx.ConsultationByID(ref.ID)
		return err
	})
	return out, err
}

package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"schakel"
	"schakel/internal/attendees"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// MoveConsultation moves a planned consultation to another moment. A
// crisis consultation keeps its deadline (the norm of four hours stays
// measured from the red report); other kinds are due when they start.
// Every invited person hears of it with an update of the calendar event;
// nobody hears of it while the invitations are held (only proposed).
func (a *App) MoveConsultation(ctx context.Context, actor *schakel.Actor, id int64, in plan.ConsultationChange) (schakel.Consultation, error) {
	return a.changeConsultation(ctx, actor, id, in, false)
}

// CancelConsultation cancels a planned consultation. The crisis
// consultation of a red case cannot be cancelled (plan.ValidateCancel).
func (a *App) CancelConsultation(ctx context.Context, actor *schakel.Actor, id int64, in plan.ConsultationChange) (schakel.Consultation, error) {
	return a.changeConsultation(ctx, actor, id, in, true)
}

func (a *App) changeConsultation(ctx context.Context, actor *schakel.Actor, id int64, in plan.ConsultationChange, cancel bool) (schakel.Consultation, error) {
	var out schakel.Consultation
	what := "move"
	if cancel {
		what = "cancel"
	}
	err := a.onConsultation(ctx, actor, id, what+" consultation %d", func(tx *storage.Tx, ref storage.ConsultationRef) error {
		color, err := tx.CaseColor(ref.CaseID)
		if err != nil {
			return err
		}
		if err := plan.CheckChangeable(ref.Status); err != nil {
			return err
		}
		var to time.Time
		if cancel {
			err = plan.ValidateCancel(in, ref.Kind, color == "red")
		} else {
			to, err = plan.ValidateMove(in, ref.ScheduledAt, tx.Now())
		}
		if err != nil {
			return err
		}
		reason, me := strings.TrimSpace(in.Reason), actor.Professional
		change := "cancelled"
		if cancel {
			err = tx.CancelRecord(ref.ID, ref.ScheduledAt, reason, me.ID)
			if err == nil && ref.OnHold {
				err = tx.EndHold(ref.ID) // its invitations never go out
			}
		} else {
			change, err = "moved", tx.MoveRecord(ref.ID, ref.ScheduledAt, to, reason, me.ID)
			if err == nil && ref.OnHold {
				err = a.moveHold(tx, actor, ref, to)
			}
		}
		if err != nil {
			return err
		}
		if out, err = tx.ConsultationByID(ref.ID); err != nil {
			return err
		}
		if !ref.OnHold { // only proposed: they were told nothing, and the invitation will say when
			if err := tellOfChange(tx, out, participantIDs(out), ref.ScheduledAt, reason, me); err != nil {
				return err
			}
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(ref.ID), AccessBasis: audit.BasisParticipation,
			Detail: fmt.Sprintf("%s: %s", change, firstRunes(reason, 200))})
		return nil
	})
	return out, err
}

// moveHold keeps a held table's hold within halfway to its new moment
// (attendees.HoldEndAfterMove): moved earlier, the hold ends sooner, and
// with no time left the invitations go out now, naming the new moment.
func (a *App) moveHold(tx *storage.Tx, actor *schakel.Actor, ref storage.ConsultationRef, to time.Time) error {
	end, held := attendees.HoldEndAfterMove(tx.Now(), ref.HeldUntil, to)
	if held {
		return tx.ShortenHold(ref.ID, end)
	}
	_, err := releaseTable(tx, actor, ref.ID, actor.Professional.ID, audit.BasisParticipation)
	return err
}

// firstRunes cuts s to at most n characters for an audit detail.
func firstRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

package app

import (
	"context"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/care"
	"schakel/internal/chain"
	"schakel/internal/storage"
)

// StartCare records the day the chosen provider started the care: a chain
// event on the case as the youth-care message JW305.
func (a *App) StartCare(ctx context.Context, actor *schakel.Actor, id int64, in care.Progress) (schakel.CareRequest, error) {
	return a.careProgress(ctx, actor, id, in, "start", chain.CareStarted)
}

// EndCare records the day the care ended and why (as JW307).
func (a *App) EndCare(ctx context.Context, actor *schakel.Actor, id int64, in care.Progress) (schakel.CareRequest, error) {
	return a.careProgress(ctx, actor, id, in, "end", chain.CareEnded)
}

// careProgress lets only the chosen provider, once it takes part in the
// case, record the start or end of the care; anyone else is refused and
// audited.
func (a *App) careProgress(ctx context.Context, actor *schakel.Actor, id int64, in care.Progress, step string, t chain.Type) (schakel.CareRequest, error) {
	var out schakel.CareRequest
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		r, _, err := tx.CareRequestByID(id)
		if err != nil {
			return err
		}
		detail := fmt.Sprintf("care request %d: %s", id, step)
		if _, err := guardCase(tx, actor, r.CaseID, access.Write, audit.EventUpdate, detail); err != nil {
			return err
		}
		if d := access.DecideCareProgress(access.SubjectFor(actor), r.Chosen); !d.Allowed {
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "care_request", ResourceID: fmt.Sprint(id), Detail: detail})
			return tx.Refuse(d)
		}
		now := tx.Now()
		check, set := care.ValidateStart, func(day time.Time) error { return tx.SetCareStarted(id, day) }
		if t == chain.CareEnded {
			check, set = care.ValidateEnd, func(day time.Time) error { return tx.SetCareEnded(id, day, in.Reason) }
		}
		if err := check(r, in, now); err != nil {
			return tx.RefuseWith(access.Decision{Basis: audit.BasisNone, Reason: "invalid care " + step}, err)
		}
		day, _ := care.Day(in.Date)
		if err := set(day); err != nil {
			return err
		}
		det := storage.EventDetails{CareRequestID: id, DateOnly: true}
		if err := tx.RecordAuto(actor, r.CaseID, t, day, det, 0); err != nil {
			return err
		}
		out, _, err = tx.CareRequestByID(id)
		return err
	})
	return out, err
}

package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// RecordEvent registers an event on a case by hand (source hand) or API
// (source api): a new fact, or a correction of an earlier one, which stays
// visible. The chain rules check it against the case's other events
// (chain.Check); the phases of the case are brought up to date in the same
// transaction. The case version stays as it is unless the event closes or
// reopens the case: a timeline entry does not conflict with edits of the
// case's plan.
func (a *App) RecordEvent(ctx context.Context, actor *schakel.Actor, caseID int64, in schakel.ChainEventInput, source string) (storage.ChainEvent, error) {
	var out storage.ChainEvent
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCase(tx, actor, caseID, access.Write, audit.EventCreate, "chain event "+truncate(in.Type, 40)); err != nil {
			return err
		}
		w, err := checkEventInput(in)
		if err != nil {
			return err
		}
		all, err := tx.CaseEvents(caseID)
		if err != nil {
			return err
		}
		rec, target, err := decideEvent(all, in, w, tx.Now())
		if err != nil {
			return err
		}
		if asksPlacement(rec, target) {
			// No request to place a child without the placement-prevention
			// review, unless it is urgent (issue 16).
			if err := a.courtGate(tx, actor, caseID, rec.Details.Urgent); err != nil {
				return err
			}
		}
		rec.CaseID, rec.Source = caseID, source
		id, err := tx.InsertChainEvent(actor, rec)
		if err != nil {
			return err
		}
		if target != nil {
			if err := tx.SupersedeEvent(target.ID); err != nil {
				return err
			}
		}
		if err := tx.SettleTimeline(caseID); err != nil {
			return err
		}
		out, err = tx.ChainEventOf(caseID, id)
		return err
	})
	return out, err
}

// Timeline returns a case's chronology with its phases and court orders,
// for an actor allowed to see the case; the read is audited.
func (a *App) Timeline(ctx context.Context, actor *schakel.Actor, caseID int64) (storage.Timeline, error) {
	var t storage.Timeline
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCase(tx, actor, caseID, access.Read, audit.EventRead, "timeline"); err != nil {
			return err
		}
		r, err := tx.TimelineOf(caseID)
		t = timelineOf(r, tx.Now())
		return err
	})
	return t, err
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// when is the moments an event input names.
type when struct {
	at, endsAt time.Time
	dateOnly   bool // registered as a date without a time
}

// checkEventInput parses the input's moments and checks the fields that
// need no other event.
func checkEventInput(in schakel.ChainEventInput) (when, error) {
	var v schakel.Validation
	var w when
	var ok bool
	if w.at, w.dateOnly, ok = parseWhen(in.At); !ok {
		v.Add("at", "format", "Vul een datum in als 2026-03-09, of een datum met tijd.")
	}
	if w.endsAt, _, ok = parseWhen(in.Details.EndsAt); !ok {
		v.Add("details.ends_at", "format", "Vul de einddatum in als 2027-03-09.")
	}
	reason := strings.TrimSpace(in.Reason)
	if in.Corrects != 0 && len([]rune(reason)) < minCorrectionReason {
		v.Add("reason", "required", fmt.Sprintf("Schrijf op waarom u corrigeert (minstens %d tekens).", minCorrectionReason))
	}
	if in.Corrects == 0 && in.Withdraw {
		v.Add("corrects", "required", "Kies de gebeurtenis die u intrekt.")
	}
	textlimit.Check(&v, "reason", reason, textlimit.Reason)
	return w, v.Err()
}

// decideEvent decides what to keep for an input given the case's events:
// the event (or the withdrawal of the one it corrects) with its details,
// and the event it corrects, if any.
func decideEvent(all []storage.ChainEvent, in schakel.ChainEventInput, w when, now time.Time) (storage.EventRecord, *storage.ChainEvent, error) {
	rec := storage.EventRecord{Corrects: in.Corrects, Reason: strings.TrimSpace(in.Reason), Withdrawn: in.Withdraw}
	target, err := correctedEvent(all, in.Corrects)
	if err != nil {
		return rec, nil, err
	}
	if in.Withdraw {
		if ti, _ := chain.Lookup(target.Type); ti.Automatic {
			return rec, nil, fieldError("corrects", "automatic", "Schakel legde deze gebeurtenis zelf vast. Die kunt u niet intrekken; corrigeer zo nodig de datum.")
		}
		rec.Type, rec.At, rec.Details = target.Type, target.At, target.Details
		return rec, target, nil
	}
	e := chain.Event{Type: chain.Type(strings.TrimSpace(in.Type)), At: w.at, Measure: chain.Measure(strings.TrimSpace(in.Details.Measure))}
	if !w.endsAt.IsZero() {
		e.EndsAt = &w.endsAt
	}
	if err := checkEventType(e, in.Details.Urgent, target); err != nil {
		return rec, nil, err
	}
	var effective []chain.Event
	for _, x := range all {
		if x.Effective && (target == nil || x.ID != target.ID) {
			effective = append(effective, x.Rule())
		}
	}
	if err := chain.Check(dateAware(effective, w.dateOnly), dateAware1(e, w.dateOnly), now); err != nil {
		return rec, nil, err
	}
	rec.Type, rec.At = e.Type, e.At
	rec.Details = storage.EventDetails{DateOnly: w.dateOnly, Measure: e.Measure, EndsAt: e.EndsAt, Urgent: in.Details.Urgent}
	if target != nil {
		// A correction keeps what only Schakel knows (the report or
		// consultation it belongs to, the colour), and a corrected report
		// stays a repeat report.
		d := target.Details
		rec.Details.ReportID, rec.Details.ConsultationID, rec.Details.Color = d.ReportID, d.ConsultationID, d.Color
		rec.Flags = target.Flags()
	}
	return rec, target, nil
}

// correctedEvent finds the effective event of the case that an input
// corrects (nil for a new fact).
func correctedEvent(all []storage.ChainEvent, id int64) (*storage.ChainEvent, error) {
	if id == 0 {
		return nil, nil
	}
	for i := range all {
		if all[i].ID != id {
			continue
		}
		if !all[i].Effective {
			return nil, fieldError("corrects", "superseded", "Deze gebeurtenis is al gecorrigeerd of ingetrokken. Corrigeer de laatste versie.")
		}
		return &all[i], nil
	}
	return nil, fieldError("corrects", "unknown", "Deze gebeurtenis hoort niet bij deze casus.")
}

// asksPlacement reports whether a record newly asks the court to place a
// child: a petition for a placement authorisation, not a withdrawal, and
// not a correction of one that passed the gate before (a corrected date),
// unless the correction takes away its urgency.
func asksPlacement(rec storage.EventRecord, target *storage.ChainEvent) bool {
	if rec.Withdrawn || !chain.RequestsPlacement(chain.Event{Type: rec.Type, Measure: rec.Details.Measure}) {
		return false
	}
	return target == nil || !chain.RequestsPlacement(target.Rule()) || (target.Details.Urgent && !rec.Details.Urgent)
}

// checkEventType refuses a type Schakel records itself (unless the input
// corrects an event of that type), details only a court order has (a
// petition names the measure it asks for), and urgency on anything but a
// petition for a placement authorisation.
func checkEventType(e chain.Event, urgent bool, target *storage.ChainEvent) error {
	ti, known := chain.Lookup(e.Type)
	if known && ti.Automatic && (target == nil || target.Type != e.Type) {
		return &schakel.Error{Code: schakel.EINVALID, Message: "Schakel legt dit zelf vast.", Fields: []schakel.FieldError{{
			Field: "type", Code: "automatic", Message: fmt.Sprintf("%s legt Schakel zelf vast wanneer het gebeurt. Kies een andere soort, of corrigeer de datum van de bestaande gebeurtenis.", ti.Label)}}}
	}
	var v schakel.Validation
	if known && !ti.CourtOrder && !chain.RequestsMeasure(e.Type) && e.Measure != "" {
		v.Add("details.measure", "not_allowed", "Alleen een maatregel of een verzoekschrift heeft een soort maatregel.")
	}
	if urgent && !chain.RequestsPlacement(e) {
		v.Add("details.urgent", "not_allowed", "Spoed geldt alleen voor een verzoekschrift voor een machtiging uithuisplaatsing.")
	}
	if known && !ti.CourtOrder && e.EndsAt != nil {
		v.Add("details.ends_at", "not_allowed", "Alleen een maatregel heeft een einddatum.")
	}
	return v.Err()
}

func fieldError(field, code, message string) error {
	var v schakel.Validation
	v.Add(field, code, message)
	return v.Err()
}

// minCorrectionReason is the shortest reason accepted for a correction.
const minCorrectionReason = 10

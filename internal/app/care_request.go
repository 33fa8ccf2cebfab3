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
	"schakel/internal/workdays"
)

// CreateCareRequest writes a request for care by need on a case (issue 15,
// item 2) and sends its pseudonymised extract to every provider of the
// region it reaches (care.Reaches); their work lists name no family.
func (a *App) CreateCareRequest(ctx context.Context, actor *schakel.Actor, caseID int64, in care.Request) (schakel.CareRequest, error) {
	var out schakel.CareRequest
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventCreate, detail: "care request"}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		if err := care.ValidateRequest(in); err != nil {
			return tx.RefuseWith(access.Decision{Basis: audit.BasisNone, Reason: "invalid care request"}, err)
		}
		facts, err := tx.CaseCareFacts(caseID)
		if err != nil {
			return err
		}
		profiles, err := tx.CareProfiles(facts.RegionID)
		if err != nil {
			return err
		}
		var reached []int64
		for _, p := range profiles {
			if care.Reaches(p, facts.Municipality, in.Needs) {
				reached = append(reached, p.Organisation.ID)
			}
		}
		now := tx.Now()
		deadline := care.Deadline(now, in.Urgency)
		id, err := tx.InsertCareRequest(storage.NewCareRequest{CaseID: caseID, By: actor.Professional.ID, RegionID: facts.RegionID, Needs: in.Needs, Urgency: in.Urgency,
			Wants: in.Wants, DoesNotWant: in.DoesNotWant, Place: in.Place, Language: in.Language, Times: in.Times, Deadline: deadline,
			Municipality: facts.Municipality, AgeBands: ageBands(facts, now)}, reached)
		if err != nil {
			return err
		}
		if err := tx.RecordAuto(actor, caseID, chain.CareRequested, now, storage.EventDetails{CareRequestID: id}, 0); err != nil {
			return err
		}
		last := deadline.Add(-time.Nanosecond).In(workdays.Location()).Format("02-01-2006")
		text := fmt.Sprintf("Nieuwe zorgvraag %d: kunt u helpen? Antwoord uiterlijk %s.", id, last)
		if err := tx.NotifyOrganisationsCare(reached, text); err != nil {
			return err
		}
		out, _, err = tx.CareRequestByID(id)
		return err
	})
	return out, err
}

func ageBands(f storage.CareFacts, now time.Time) []string {
	var out []string
	for _, b := range f.Births {
		if !b.Valid {
			out = append(out, "onbekend")
			continue
		}
		if age := ageOn(&b.Time, now); age != nil {
			out = append(out, care.AgeBand(*age))
		}
	}
	return out
}

// CareRequest returns a request with everyone it reached and every answer,
// side by side, to those who may read the case.
func (a *App) CareRequest(ctx context.Context, actor *schakel.Actor, id int64) (schakel.CareRequest, error) {
	var out schakel.CareRequest
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		r, _, err := tx.CareRequestByID(id)
		if err != nil {
			return err
		}
		if _, err := guardCase(tx, actor, r.CaseID, access.Read, audit.EventRead, fmt.Sprintf("care request %d", id)); err != nil {
			return err
		}
		out = r
		return nil
	})
	return out, err
}

// CaseCareRequests lists a case's requests for those who may read the case.
func (a *App) CaseCareRequests(ctx context.Context, actor *schakel.Actor, caseID int64) ([]schakel.CareRequest, error) {
	out := []schakel.CareRequest{}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCase(tx, actor, caseID, access.Read, audit.EventRead, "care requests"); err != nil {
			return err
		}
		ids, err := tx.CaseCareRequests(caseID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			r, _, err := tx.CareRequestByID(id)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

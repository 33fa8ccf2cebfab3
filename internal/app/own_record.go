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

// OwnRecordOf returns what the actor's organisation wrote on a case: its
// findings, safety scales, the conversations it logged, the actions it
// owned, its decisions and its own participation events (its exit with
// the handover). An organisation that exited the case still reads this —
// it keeps its own file (access.OwnRecord) — but nothing others wrote and
// nothing new: actions count up to the exit.
func (a *App) OwnRecordOf(ctx context.Context, actor *schakel.Actor, caseID int64) (storage.OwnRecord, error) {
	org := actor.Professional.Organisation
	rec := storage.OwnRecord{CaseID: caseID, Organisation: schakel.OrganisationRef{ID: org.ID, Name: org.Name, Kind: org.Kind}}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCaseResource(tx, actor, caseID, access.OwnRecord, access.Read, audit.EventRead,
			"own record of organisation "+fmt.Sprint(org.ID)); err != nil {
			return err
		}
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		rec.Participation = orgs.Status(org.ID)
		until := tx.Now()
		if t, gone := orgs.ExitedAt(org.ID); gone {
			until = t
			s := t.Format("2006-01-02T15:04:05Z")
			rec.ExitedAt = &s
		}
		if err := tx.LoadOwnRecord(&rec, until); err != nil {
			return err
		}
		plan.AnnotateActions(rec.Actions, today(tx))
		return nil
	})
	return rec, err
}

// OrganisationExited reports whether the actor's organisation once took
// part in the case and has left it: the refusal page then points to its
// own record. It reads no case content.
func (a *App) OrganisationExited(ctx context.Context, actor *schakel.Actor, caseID int64) bool {
	if actor.Professional == nil {
		return false
	}
	status, err := a.db.ParticipationStatus(ctx, caseID, actor.Professional.Organisation.ID)
	return err == nil && status == "exited"
}

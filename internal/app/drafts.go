package app

import (
	"context"
	"encoding/json"
	"fmt"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/intake"
	"schakel/internal/storage"
)

// Drafts are half-filled intake forms, kept for the professional who typed
// them so that nothing typed is lost. They are personal data: every read
// and write is audited, and someone else's draft does not exist for the
// actor (the attempt is audited as refused).

// maxDrafts bounds the drafts listed.
const maxDrafts = 50

// SaveDraft creates (id 0) or updates one of the actor's drafts.
func (a *App) SaveDraft(ctx context.Context, actor *schakel.Actor, id int64, data string) (storage.Draft, error) {
	var d storage.Draft
	if len(data) > storage.MaxDraftBytes {
		return d, schakel.Errorf(schakel.ETOOLARGE, "Het concept is te groot om op te slaan.")
	}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		me := actor.Professional.ID
		if id == 0 {
			var err error
			if id, err = tx.InsertDraft(me, intake.FormVersion, data); err != nil {
				return err
			}
		} else {
			if err := ownDraft(tx, actor, id, audit.EventUpdate); err != nil {
				return err
			}
			if err := tx.UpdateDraft(id, me, intake.FormVersion, data); err != nil {
				return err
			}
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "intake_draft", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisSelf})
		d = storage.Draft{ID: id, FormVersion: intake.FormVersion, Data: data, UpdatedAt: tx.Now()}
		return nil
	})
	return d, err
}

// Draft returns one of the actor's drafts.
func (a *App) Draft(ctx context.Context, actor *schakel.Actor, id int64) (storage.Draft, error) {
	var d storage.Draft
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if err := ownDraft(tx, actor, id, audit.EventRead); err != nil {
			return err
		}
		var err error
		if d, err = tx.DraftRecord(id, actor.Professional.ID); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "intake_draft", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisSelf})
		return nil
	})
	return d, err
}

// Drafts lists the actor's drafts, newest first, named after the family
// names typed in them (without their data). The names are personal data,
// so a list that shows any is audited.
func (a *App) Drafts(ctx context.Context, actor *schakel.Actor) ([]storage.Draft, error) {
	out := []storage.Draft{}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		ds, err := tx.DraftRecords(actor.Professional.ID, maxDrafts)
		if err != nil {
			return err
		}
		named := 0
		for _, d := range ds {
			var typed intake.Report
			if json.Unmarshal([]byte(d.Data), &typed) == nil { // a draft that is not a report yet stays unnamed
				d.Family = typed.FamilyNames()
			}
			if d.Family != "" {
				named++
			}
			d.Data = ""
			out = append(out, d)
		}
		if named > 0 {
			tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "intake_draft", AccessBasis: audit.BasisSelf,
				Detail: fmt.Sprintf("list of %d drafts, %d named", len(out), named)})
		}
		return nil
	})
	return out, err
}

// DeleteDraft removes one of the actor's drafts (after filing, or on request).
func (a *App) DeleteDraft(ctx context.Context, actor *schakel.Actor, id int64) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		if err := ownDraft(tx, actor, id, audit.EventDelete); err != nil {
			return err
		}
		if err := tx.DeleteDraftRecord(id, actor.Professional.ID); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventDelete, ResourceType: "intake_draft", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisSelf})
		return nil
	})
}

// ownDraft answers not found for a draft that does not exist, and also for
// someone else's, whose attempt is audited as refused.
func ownDraft(tx *storage.Tx, actor *schakel.Actor, id int64, event string) error {
	owner, err := tx.DraftOwner(id)
	if err != nil {
		return err
	}
	if actor.Professional == nil || owner != actor.Professional.ID {
		return tx.RefuseNotFound(actor, event, "intake_draft", id, "Concept")
	}
	return nil
}

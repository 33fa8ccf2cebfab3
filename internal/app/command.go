package app

import (
	"context"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/storage"
)

// caseCommand is one command on one case.
type caseCommand struct {
	caseID   int64
	resource access.Resource // what the guard decides on; access.Case when empty
	action   access.Action
	event    string // audit event of the guard's entry
	detail   string // what the command does, for the audit entry
	expected int64  // the case version the caller saw; 0 skips the check
	open     bool   // the case must be open: not closed, not merged into another
}

// onCase runs a command on a case in one transaction: the guard decides
// and audits first, the case row is then locked and its version checked,
// and only then does fn load, decide and write. Any refusal (by the guard
// or later inside fn) rolls back everything but the refusal's audit entry:
// storage's transaction runner enforces that for every command, so that no
// use case has to remember it. Without an expected version, writers on one
// case queue behind each other instead of failing: additions by several
// people at once all land.
func (a *App) onCase(ctx context.Context, actor *schakel.Actor, c caseCommand, fn func(tx *storage.Tx) error) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		resource := c.resource
		if resource == "" {
			resource = access.Case
		}
		if _, err := guardCaseResource(tx, actor, c.caseID, resource, c.action, c.event, c.detail); err != nil {
			return err
		}
		if c.open {
			if err := requireOpen(tx, c.caseID); err != nil {
				return err
			}
		}
		if _, err := tx.LockCase(c.caseID, c.expected); err != nil {
			return err
		}
		return fn(tx)
	})
}

// requireOpen refuses work on a case that is closed or merged into another.
func requireOpen(tx *storage.Tx, caseID int64) error {
	status, merged, err := tx.CaseState(caseID)
	switch {
	case err != nil:
		return err
	case status == "open":
		return nil
	case merged != 0:
		return schakel.Errorf(schakel.ECONFLICT, "Deze casus is samengevoegd met casus %d. Werk daar verder.", merged)
	}
	return schakel.Errorf(schakel.ECONFLICT, "Deze casus is afgesloten.")
}

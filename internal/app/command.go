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
	action   access.Action
	event    string // audit event of the guard's entry
	detail   string // what the command does, for the audit entry
	expected int64  // the case version the caller saw; 0 skips the check
}

// onCase runs a command on a case in one transaction: the guard decides
// and audits first, the case row is then locked and its version checked,
// and only then does fn load, decide and write. Any refusal (by the guard
// or later inside fn) rolls back everything but the refusal's audit entry:
// storage's transaction runner enforces that for every command, so that no
// use case has to remember it.
func (a *App) onCase(ctx context.Context, actor *schakel.Actor, c caseCommand, fn func(tx *storage.Tx) error) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := tx.GuardCase(actor, c.caseID, c.action, c.event, c.detail); err != nil {
			return err
		}
		if _, err := tx.BumpCase(c.caseID, c.expected); err != nil {
			return err
		}
		return fn(tx)
	})
}

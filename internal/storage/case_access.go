package storage

import (
	"schakel"
	"schakel/internal/access"
)

// MayReadCase tells whether the actor may read a case, without reading any
// of it: a screen that showed a refused write uses it to choose between
// the form again and the refusal page, so that the refused attempt keeps
// its one audit entry (the refusal) instead of gaining a refused read.
func (db *DB) MayReadCase(ctx contextT, actor *schakel.Actor, caseID int64) (bool, error) {
	var ok bool
	err := db.View(ctx, func(tx *Tx) error {
		c, err := tx.caseContext(actor, caseID)
		if err != nil {
			return err
		}
		ok = access.Decide(access.SubjectOf(actor.Professional), access.Case, access.Read, c).Allowed
		return nil
	})
	return ok, err
}

package storage

import "context"

// JoinCaseForTest makes an organisation take part in a case, as a later
// step of the chain (the Raad's request, a court order) would.
func (db *DB) JoinCaseForTest(ctx context.Context, caseID, orgID, contactID int64) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.JoinCase(caseID, orgID, contactID) })
}

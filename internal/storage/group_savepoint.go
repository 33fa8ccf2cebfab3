package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// inSavepoint runs one command of a group (group_commit.go) inside a
// savepoint of the group's transaction. The result is the command's own
// outcome; an error means the group's transaction can no longer be
// trusted (a savepoint statement failed, so the engine may have ended
// the transaction) and the whole group must run again.
func (db *DB) inSavepoint(sqlTx *sql.Tx, j *groupJob) (r groupResult, broken error) {
	// The command's statements run with its own context, so a caller
	// that gives up (a shutdown, a client gone) stops its command as
	// before. Interrupting a write can make SQLite end the whole
	// transaction; rolling back to the savepoint then fails and the group
	// runs again command by command (runGroup), without the cancelled one.
	// The savepoint's own statements run to the end whatever the caller
	// does: a cancelled command must still be rolled back.
	ctx, keep := j.ctx, context.WithoutCancel(j.ctx)
	if _, err := sqlTx.ExecContext(keep, `SAVEPOINT command`); err != nil {
		return r, fmt.Errorf("savepoint: %w", err)
	}
	tx := &Tx{tx: sqlTx, db: db, ctx: ctx, now: db.Now().UTC().Truncate(time.Microsecond)}
	panicked, err := runCommand(tx, j.fn)
	if panicked == nil && err == nil {
		err = tx.beforeCommit()
	}
	if panicked != nil || err != nil {
		if broken := rollbackToSavepoint(keep, sqlTx); broken != nil {
			return r, broken
		}
	}
	var refused *refusal
	if errors.As(err, &refused) {
		// As in tryTx: a refusal keeps nothing but its own audit entry.
		entries := &Tx{tx: sqlTx, db: db, ctx: keep, now: tx.now, pending: refusalEntries(tx)}
		if err := entries.flushAudit(); err != nil {
			return r, fmt.Errorf("refusal audit: %w", err)
		}
		err = refused.answer()
	}
	if _, err := sqlTx.ExecContext(keep, `RELEASE command`); err != nil {
		return r, fmt.Errorf("release savepoint: %w", err)
	}
	return groupResult{err: err, panicked: panicked}, nil
}

// runCommand calls fn and catches its panic, so that a panicking command
// rolls back to its savepoint instead of taking the group down with it.
func runCommand(tx *Tx, fn func(tx *Tx) error) (panicked any, err error) {
	defer func() {
		if p := recover(); p != nil {
			panicked = p
		}
	}()
	return nil, fn(tx)
}

func rollbackToSavepoint(ctx context.Context, sqlTx *sql.Tx) error {
	if _, err := sqlTx.ExecContext(ctx, `ROLLBACK TO command`); err != nil {
		return fmt.Errorf("roll back to savepoint: %w", err)
	}
	return nil
}

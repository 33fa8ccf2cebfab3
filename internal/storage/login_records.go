package storage

import (
	"database/sql"
	"errors"
	"time"

	"schakel"
	"schakel/internal/audit"
)

// Login limits: the state of internal/loginguard's token buckets, one row a
// bucket holding the instant it is full again. A missing row is a full
// bucket.

// LockLoginBucket returns a bucket's full-again instant and holds its row
// until the transaction ends, creating it (full) when it is new: concurrent
// attempts on one bucket, also from other servers, take their turn here.
// The update that changes nothing is what takes the row lock on PostgreSQL;
// SQLite has one writer at a time anyway.
func (tx *Tx) LockLoginBucket(bucket string) (time.Time, error) {
	var fullAt time.Time
	err := tx.queryRow(`INSERT INTO login_limits (bucket, full_at) VALUES (?, ?)
		ON CONFLICT (bucket) DO UPDATE SET bucket = excluded.bucket RETURNING full_at`, bucket, tx.now).Scan(&fullAt)
	return fullAt.UTC(), err
}

// LoginBucket returns a bucket's full-again instant, or the zero time when
// it has no row. It takes no lock: callers read a bucket under the lock of
// another (an account's bucket under its client address's).
func (tx *Tx) LoginBucket(bucket string) (time.Time, error) {
	var fullAt time.Time
	err := tx.queryRow(`SELECT full_at FROM login_limits WHERE bucket = ?`, bucket).Scan(&fullAt)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return fullAt.UTC(), err
}

// SetLoginBucket stores a bucket's full-again instant; an instant that is
// not in the future means full, and a full bucket needs no row.
func (tx *Tx) SetLoginBucket(bucket string, fullAt time.Time) error {
	if !fullAt.After(tx.now) {
		_, err := tx.exec(`DELETE FROM login_limits WHERE bucket = ?`, bucket)
		return err
	}
	_, err := tx.exec(`INSERT INTO login_limits (bucket, full_at) VALUES (?, ?)
		ON CONFLICT (bucket) DO UPDATE SET full_at = excluded.full_at`, bucket, fullAt.UTC())
	return err
}

// PruneLoginBuckets deletes the rows of buckets that have been full since
// before the given instant: they say nothing a missing row does not.
func (tx *Tx) PruneLoginBuckets(before time.Time) error {
	_, err := tx.exec(`DELETE FROM login_limits WHERE full_at < ?`, before.UTC())
	return err
}

// Credentials is what a login needs to check a password.
type Credentials struct {
	ProfessionalID int64
	PasswordHash   string
	Active         bool
	// Suspended: a membership round found the account not re-confirmed;
	// its administrator re-activates it.
	Suspended bool
}

// Credentials returns the credentials of an e-mail address, or a not-found
// error for an unknown one.
func (db *DB) Credentials(ctx contextT, email string) (Credentials, error) {
	var c Credentials
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT id, password_hash, active,
		EXISTS (SELECT 1 FROM membership_suspensions s WHERE s.professional_id = professionals.id AND s.lifted_at IS NULL)
		FROM professionals WHERE email = ?`), NormalizeEmail(email)).Scan(&c.ProfessionalID, &c.PasswordHash, &c.Active, &c.Suspended)
	if errors.Is(err, sql.ErrNoRows) {
		return Credentials{}, notFound("Medewerker")
	}
	return c, err
}

// AuditLoginRefused records a login whose password was checked and refused.
// professionalID is zero for an unknown e-mail address; a known account's
// organisation is recorded so that its privacy officer sees attempts on its
// accounts.
func (tx *Tx) AuditLoginRefused(clientAddr, workstation string, professionalID int64, detail string) error {
	e := audit.Entry{Event: audit.EventLogin, Outcome: audit.Refused, ResourceType: "session", AccessBasis: audit.BasisNone, Detail: detail}
	if professionalID != 0 {
		e.UserID = professionalID
		if err := tx.queryRow(`SELECT organisation_id, name FROM professionals WHERE id = ?`, professionalID).Scan(&e.OrganisationID, &e.UserName); err != nil {
			return err
		}
	}
	tx.Audit(&schakel.Actor{ClientAddr: clientAddr, Workstation: workstation}, e)
	return nil
}

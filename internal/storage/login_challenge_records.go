package storage

import (
	"database/sql"
	"errors"
	"time"

	"schakel"
)

// Purposes of a login challenge.
const (
	ChallengeVerify = "verify" // type a code of the app or a recovery code
	ChallengeEnrol  = "enrol"  // the organisation requires a second factor: set one up first
)

// LoginChallenge is a login whose password was right and that waits for
// its second factor.
type LoginChallenge struct {
	ProfessionalID int64
	Purpose        string
	Failures       int
	ExpiresAt      time.Time
}

// errChallengeGone is the answer for an unknown, used or expired challenge.
var errChallengeGone = schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw inlogpoging is verlopen. Log opnieuw in met uw e-mailadres en wachtwoord.")

// CreateLoginChallenge stores a challenge by the hash of its secret; old
// ones of anyone are cleared on the way.
func (tx *Tx) CreateLoginChallenge(idHash string, professionalID int64, purpose string, ttl time.Duration) error {
	if _, err := tx.exec(`DELETE FROM login_challenges WHERE expires_at < ?`, tx.now); err != nil {
		return err
	}
	_, err := tx.exec(`INSERT INTO login_challenges (id_hash, professional_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		idHash, professionalID, purpose, tx.now, tx.now.Add(ttl))
	return err
}

// LoginChallenge returns a live challenge, or an unauthenticated error.
func (tx *Tx) LoginChallenge(idHash string) (LoginChallenge, error) {
	var c LoginChallenge
	var active bool
	err := tx.queryRow(`SELECT c.professional_id, c.purpose, c.failures, c.expires_at, p.active FROM login_challenges c
		JOIN professionals p ON p.id = c.professional_id WHERE c.id_hash = ?`, idHash).Scan(&c.ProfessionalID, &c.Purpose, &c.Failures, &c.ExpiresAt, &active)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (!tx.now.Before(c.ExpiresAt) || !active)) {
		return LoginChallenge{}, errChallengeGone
	}
	return c, err
}

// ChallengeFailed counts a wrong code and returns the failures so far.
func (tx *Tx) ChallengeFailed(idHash string) (int, error) {
	if _, err := tx.exec(`UPDATE login_challenges SET failures = failures + 1 WHERE id_hash = ?`, idHash); err != nil {
		return 0, err
	}
	var n int
	err := tx.queryRow(`SELECT failures FROM login_challenges WHERE id_hash = ?`, idHash).Scan(&n)
	return n, err
}

// EndLoginChallenge removes a challenge; false when it was gone already
// (another request used it first).
func (tx *Tx) EndLoginChallenge(idHash string) (bool, error) {
	res, err := tx.exec(`DELETE FROM login_challenges WHERE id_hash = ?`, idHash)
	return affectedOne(res, err)
}

// OpenSessionAfterFactor opens a session for a login completed with a
// second factor (schakel.FactorTOTP, FactorRecovery).
func (tx *Tx) OpenSessionAfterFactor(actor *schakel.Actor, idHash string, maxAge time.Duration, factor string) error {
	return tx.openSession(actor, idHash, maxAge, SessionStart{Method: schakel.LoginPassword, SecondFactor: factor})
}

// EndSessionsOf ends every session of a professional and every login of
// theirs that waits for a second factor.
func (tx *Tx) EndSessionsOf(professionalID int64) error {
	if _, err := tx.exec(`DELETE FROM sessions WHERE professional_id = ?`, professionalID); err != nil {
		return err
	}
	_, err := tx.exec(`DELETE FROM login_challenges WHERE professional_id = ?`, professionalID)
	return err
}

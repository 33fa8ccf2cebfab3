package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"time"

	"schakel"
	"schakel/internal/audit"
)

// OpenFamilySession stores a new browser session of a family member (by
// the hash of its id) and audits the login. The session belongs to the
// family principal: professional_id stays empty, so no professional's
// screen ever accepts it.
func (tx *Tx) OpenFamilySession(actor *schakel.Actor, idHash string, maxAge time.Duration, factor string) error {
	if _, err := tx.exec(`DELETE FROM sessions WHERE expires_at < ?`, tx.now); err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO sessions (id_hash, professional_id, principal_kind, principal_id, created_at, last_seen_at, expires_at,
		login_method, client_addr, user_agent, handle, second_factor, factor_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		idHash, schakel.PrincipalFamilyMember, actor.FamilyMember.ID, tx.now, tx.now, tx.now.Add(maxAge),
		schakel.LoginPassword, truncateText(actor.ClientAddr, 100), truncateText(actor.Workstation, 200), rand.Text(),
		factor, factorAt(SessionStart{SecondFactor: factor}, tx.now)); err != nil {
		return err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventLogin, ResourceType: "family_session", AccessBasis: audit.BasisSelf,
		Persons: []int64{actor.FamilyMember.PersonID}, Detail: "method " + schakel.LoginPassword + "+" + factor})
	return nil
}

// SessionFamilyMember returns the family member of a live family session.
// A session idle for longer than idle or past its expiry is gone, as is
// one of an account that is no longer active.
func (db *DB) SessionFamilyMember(ctx context.Context, idHash string, idle time.Duration) (schakel.FamilyMember, error) {
	expired := schakel.Errorf(schakel.EUNAUTHENTICATED, "U bent niet meer ingelogd. Log opnieuw in.")
	var id int64
	var lastSeen, expires time.Time
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT s.principal_id, s.last_seen_at, s.expires_at FROM sessions s
		JOIN family_accounts a ON a.id = s.principal_id WHERE s.id_hash = ? AND s.principal_kind = 'family_member' AND a.active = TRUE`), idHash).Scan(&id, &lastSeen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return schakel.FamilyMember{}, expired
	} else if err != nil {
		return schakel.FamilyMember{}, err
	}
	now := db.Now().UTC()
	if now.After(expires) || now.Sub(lastSeen) > idle {
		if err := db.DeleteSession(ctx, idHash); err != nil {
			return schakel.FamilyMember{}, err
		}
		return schakel.FamilyMember{}, expired
	}
	if now.Sub(lastSeen) > time.Minute {
		if _, err := db.write.ExecContext(ctx, db.dialect.rebind(`UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?`), now, idHash); err != nil {
			return schakel.FamilyMember{}, err
		}
	}
	var a FamilyAccount
	err = db.View(ctx, func(tx *Tx) error {
		var err error
		a, err = tx.FamilyAccountByID(id)
		return err
	})
	return a.Member(), err
}

// EndFamilySession ends a family member's session (logout) and audits it.
func (db *DB) EndFamilySession(ctx context.Context, actor *schakel.Actor, idHash string) error {
	return db.Update(ctx, func(tx *Tx) error {
		var id int64
		err := tx.queryRow(`DELETE FROM sessions WHERE id_hash = ? AND principal_kind = 'family_member' RETURNING principal_id`, idHash).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		acc, err := tx.FamilyAccountByID(id)
		if err != nil {
			return err
		}
		a := *actor
		m := acc.Member()
		a.FamilyMember = &m
		tx.Audit(&a, audit.Entry{Event: audit.EventLogout, ResourceType: "family_session", AccessBasis: audit.BasisSelf, Persons: []int64{m.PersonID}})
		return nil
	})
}

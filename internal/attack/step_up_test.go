package attack_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"schakel/internal/storage"
	"schakel/internal/totp"
)

// attackAppKey is the authenticator app the attacks give an account that
// must step up (exports and the audit trail need a second factor).
var attackAppKey = []byte("schakel-attack-app-key")

// steppedUp returns a bearer client for email that showed a second factor
// a moment ago: its account gets an app through storage, and the token
// steps up with a code computed by internal/totp, as a real app would.
func (tg *target) steppedUp(t *testing.T, email string) *client {
	t.Helper()
	c := tg.bearer(t, email)
	ctx := context.Background()
	p, err := tg.db.ProfessionalByEmail(ctx, email)
	if err != nil {
		t.Fatalf("professional %s: %v", email, err)
	}
	secret := totp.Encode(attackAppKey)
	err = tg.db.Update(ctx, func(tx *storage.Tx) error {
		if err := tx.SetPendingTOTP(p.ID, secret); err != nil {
			return err
		}
		_, err := tx.ConfirmTOTP(p.ID, secret, 0)
		return err
	})
	if err != nil {
		t.Fatalf("app for %s: %v", email, err)
	}
	code := totp.Code(attackAppKey, totp.Step(time.Now()))
	if r := c.postJSON(t, "/api/v1/session/step-up", map[string]string{"code": code}, nil); r.status != http.StatusOK {
		t.Fatalf("step-up for %s: status %d %.300s", email, r.status, r.body)
	}
	return c
}

package web_test

import (
	"context"
	"net/http"
	"time"

	"schakel/internal/storage"
	"schakel/internal/totp"
)

// testAppKey is the authenticator-app key the tests enrol for an account
// (EnrolApp): fixed, so that a test can compute the codes.
var testAppKey = []byte("schakel-test-app-key")

// EnrolApp gives the account an authenticator app with testAppKey through
// storage, as confirming it on the screen does, and makes every code from
// now on usable (the step of the last code used goes back to 0).
func (ts *testServer) EnrolApp(email string) {
	ts.t.Helper()
	id := ts.ProfessionalID(email)
	secret := totp.Encode(testAppKey)
	err := ts.DB.Update(context.Background(), func(tx *storage.Tx) error {
		if err := tx.SetPendingTOTP(id, secret); err != nil {
			return err
		}
		_, err := tx.ConfirmTOTP(id, secret, 0)
		return err
	})
	if err != nil {
		ts.t.Errorf("enrol app for %s: %v", email, err)
	}
}

// RemoveApp takes the account's app and recovery codes away again through
// storage; a session or token that stepped up with it stays stepped up.
func (ts *testServer) RemoveApp(email string) {
	ts.t.Helper()
	id := ts.ProfessionalID(email)
	if err := ts.DB.Update(context.Background(), func(tx *storage.Tx) error { return tx.RemoveSecondFactors(id) }); err != nil {
		ts.t.Errorf("remove the app of %s: %v", email, err)
	}
}

// AppCode is the code of testAppKey at the server's clock (internal/totp,
// the implementation checked against RFC 6238 and pquerna/otp).
func (ts *testServer) AppCode() string { return totp.Code(testAppKey, totp.Step(ts.Clock.Now())) }

// StepUp enrols an app for the client's account (EnrolApp) and shows its
// code at POST /api/v1/session/step-up, so that the session or token may
// do risky acts for the next 5 minutes of the test clock. It returns c.
func (c *client) StepUp() *client {
	c.t.Helper()
	if c.email == "" {
		c.t.Errorf("StepUp: the client has no account (use Login or Bearer)")
		return c
	}
	c.ts.EnrolApp(c.email)
	res := c.SendJSON("POST", "/api/v1/session/step-up", map[string]string{"code": c.ts.AppCode()})
	if res.StatusCode != http.StatusOK {
		c.t.Errorf("step-up for %s: %d\n%s", c.email, res.StatusCode, truncateBody(res.Body))
	}
	return c
}

// stepUpWindowPassed moves the test clock past the step-up window.
const stepUpWindowPassed = 5*time.Minute + time.Second

package app

// Step-up for the riskiest acts (access.RiskyActs): emergency access to a
// case, every export, changes to roles and organisations and reading the
// audit trail need a second factor (or a fresh authentication at the
// organisation's provider) from the last access.StepUpWindow. A stolen
// session alone is then not enough for them. The guard refuses and audits;
// StepUp takes a code of the app or a recovery code and marks the session
// or token as proven again.

import (
	"context"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// maxStepUpFailures wrong codes in a row end a session (and stop a token
// from stepping up), so that a stolen session cannot guess a code.
const maxStepUpFailures = 5

// ErrStepUp refuses a risky act until the actor shows a second factor again.
var ErrStepUp = schakel.Errorf(schakel.ESTEPUP,
	"Bevestig eerst dat u het bent, met een code uit uw app of een herstelcode (in de API: POST /api/v1/session/step-up). Daarna kunt u dit 5 minuten doen.")

// errStepUpTooMany ends a session after too many wrong step-up codes.
var errStepUpTooMany = schakel.Errorf(schakel.EUNAUTHENTICATED, "Te vaak een verkeerde code. Log opnieuw in.")

// riskyEvent is the audit event a refused risky act is recorded under.
var riskyEvent = map[access.RiskyAct]string{
	access.ActEmergency: audit.EventRead, access.ActExport: audit.EventExport, access.ActRoles: audit.EventUpdate,
	access.ActOrganisations: audit.EventUpdate, access.ActAuditTrail: audit.EventRead, access.ActSecondFactor: audit.EventUpdate,
}

// refuseWithoutStepUp ends a transaction that replaces a second factor
// when the actor showed none in the last 5 minutes: only the refusal (as
// entry, with the login's strength) is kept.
func refuseWithoutStepUp(tx *storage.Tx, actor *schakel.Actor, entry audit.Entry) error {
	if !access.NeedsStepUp(access.ActSecondFactor, actor.Login, tx.Now()) {
		return nil
	}
	d := access.Decision{Allowed: false, Basis: audit.BasisNone, Reason: "step-up required: no second factor in the last 5 minutes; login " + actor.Login.String()}
	entry.Detail = d.Reason
	tx.AuditDecision(actor, d, entry)
	return tx.RefuseWith(d, ErrStepUp)
}

// GuardStepUp refuses a risky act when the actor showed no second factor
// in the last access.StepUpWindow; the refusal is audited (with the
// resource asked for and the strength of the login) and nothing else.
func (app *App) GuardStepUp(ctx context.Context, actor *schakel.Actor, act access.RiskyAct, resource string) error {
	if actor == nil || actor.Professional == nil {
		return nil // family members and Schakel itself have no risky acts of this kind
	}
	if !access.NeedsStepUp(act, actor.Login, app.db.Now()) {
		return nil
	}
	detail := "step-up required: no second factor in the last 5 minutes; login " + actor.Login.String()
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.Decision{Allowed: false, Basis: audit.BasisNone, Reason: detail}
		tx.AuditDecision(actor, d, audit.Entry{Event: riskyEvent[act], ResourceType: string(act), ResourceID: resource, Detail: detail})
		return tx.RefuseWith(d, ErrStepUp)
	})
	return err
}

// SteppedUp is the answer to a step-up: the factor shown and until when
// it counts for risky acts.
type SteppedUp struct {
	Factor     string    `json:"factor"`
	ValidUntil time.Time `json:"valid_until"`
}

// StepUp checks a code of the actor's app, or one of their recovery codes,
// and marks the session or token it came with as proven now. A code counts
// once (as at login); a few wrong codes in a row end a session.
func (app *App) StepUp(ctx context.Context, actor *schakel.Actor, cred storage.Credential, code string) (SteppedUp, error) {
	var out SteppedUp
	p := actor.Professional
	if p == nil {
		return out, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers bevestigen hier met een tweede factor.")
	}
	var answer error
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		entry := audit.Entry{Event: audit.EventLogin, ResourceType: "step_up", AccessBasis: audit.BasisSelf, UserID: p.ID}
		if n, err := tx.StepUpFailures(cred); err != nil || n >= maxStepUpFailures {
			answer = errStepUpTooMany
			return err
		}
		factor, why, err := useSecondFactor(tx, p.ID, code)
		if err != nil {
			return err
		}
		if factor == "" {
			answer, err = stepUpRefused(tx, actor, cred, entry, why)
			return err
		}
		if ok, err := tx.SteppedUp(cred, factor); err != nil || !ok {
			return orGone(err)
		}
		out = SteppedUp{Factor: factor, ValidUntil: tx.Now().Add(access.StepUpWindow).UTC()}
		entry.Detail = "second factor shown again: " + factor
		tx.Audit(actor, entry)
		return nil
	})
	if err == nil && answer != nil {
		err = answer
	}
	return out, err
}

// stepUpRefused audits a wrong step-up code and counts it; the last one
// allowed ends the session.
func stepUpRefused(tx *storage.Tx, actor *schakel.Actor, cred storage.Credential, entry audit.Entry, why string) (error, error) {
	n, err := tx.StepUpFailed(cred)
	if err != nil {
		return nil, err
	}
	entry.Outcome, entry.AccessBasis, entry.Detail = audit.Refused, audit.BasisNone, "step-up refused: "+why
	answer := stepUpBadCode
	if n >= maxStepUpFailures {
		entry.Detail += "; too many wrong codes"
		answer = errStepUpTooMany
		if !cred.Token {
			entry.Detail += ": session ended"
			if err := tx.EndSessionByHash(cred.Hash); err != nil {
				return nil, err
			}
		}
	}
	tx.Audit(actor, entry)
	return answer, nil
}

// stepUpBadCode answers a wrong, old or used step-up code, beside the field.
var stepUpBadCode = &schakel.Error{Code: schakel.EINVALID, Message: "De code klopt niet.", Fields: []schakel.FieldError{{
	Field: "code", Code: "wrong_code", Message: "Deze code klopt niet of is al gebruikt. Typ de code die de app nu laat zien, of een herstelcode."}}}

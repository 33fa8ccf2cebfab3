package app

// Family members log in to their own Schakel: once with the activation
// code their contact professional gave them (with their birth date, and a
// username and password they choose) plus an authenticator app they set up
// then, and from then on with that username and password plus a code of
// the app or a recovery code (issue 12, item 6; family_factor.go). The
// same login limits as for professionals apply (state in the database,
// shared by every server), and every checked attempt is audited.

import (
	"context"
	"strings"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/loginguard"
	"schakel/internal/passwordpolicy"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
	"schakel/internal/totp"
)

// Activation is what a family member types on the activation page.
type Activation struct {
	Code        string
	BirthDate   string // yyyy-mm-dd
	Username    string
	Password    string
	ClientAddr  string
	Workstation string
}

// ErrBadActivation is the one answer for an unknown code and a birth date
// that does not match: it tells a guesser nothing.
var ErrBadActivation = &schakel.Error{Code: schakel.EUNAUTHENTICATED, Key: "err.activation", Message: "De code of de geboortedatum klopt niet. Kijk goed of u alles goed heeft overgenomen.",
	Fields: []schakel.FieldError{{Field: "code", Code: "unknown", Message: "Deze code en geboortedatum horen niet bij elkaar."}}}

// ErrBadFamilyLogin is the one answer for an unknown username and a wrong
// password.
var ErrBadFamilyLogin = schakel.Keyed(schakel.EUNAUTHENTICATED, "err.login", "Uw gebruikersnaam of wachtwoord klopt niet.")

// NormalizeUsername is how a username is stored and looked up.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// checkActivationForm checks what can be checked without the code, so that
// a typing slip never spends the code or a login attempt.
func checkActivationForm(a *Activation) error {
	var v schakel.Validation
	a.Username = NormalizeUsername(a.Username)
	if strings.TrimSpace(a.Code) == "" {
		v.Add("code", "required", "Vul de code in die u van uw contactpersoon kreeg.")
	}
	if _, err := time.Parse("2006-01-02", strings.TrimSpace(a.BirthDate)); err != nil {
		v.Add("birth_date", "invalid", "Vul uw geboortedatum in, bijvoorbeeld 2010-03-15.")
	}
	switch n := len([]rune(a.Username)); {
	case n < 3:
		v.Add("username", "too_short", "Kies een gebruikersnaam van minstens 3 tekens, bijvoorbeeld uw e-mailadres.")
	case n > textlimit.Name:
		v.Add("username", "too_long", "Deze naam is te lang. Kies een kortere naam.")
	case strings.ContainsAny(a.Username, " \t"):
		v.Add("username", "invalid", "Een gebruikersnaam heeft geen spaties.")
	}
	if refused := passwordpolicy.Check(a.Password); refused != nil {
		v.Add(refused.Field, refused.Code, refused.Message)
	}
	return v.Err()
}

// ActivateFamily checks an activation code with the birth date and the
// chosen username and password, and asks for the app: the code is used
// and the account activated only when a code of the new app confirms it
// (CompleteFamilyLogin), so a half-done activation spends nothing.
func (app *App) ActivateFamily(ctx context.Context, a Activation) (FamilyStep, error) {
	if err := checkActivationForm(&a); err != nil {
		return FamilyStep{}, err
	}
	keys := loginguard.KeysFor("family-activation", a.ClientAddr)
	if err := app.reserveLogin(ctx, keys, familyLimited(true)); err != nil {
		return FamilyStep{}, err
	}
	hash, err := auth.HashPassword(a.Password, app.login.cfg.PasswordParams)
	if err != nil {
		return FamilyStep{}, err
	}
	step, err := newFamilyStep(true)
	if err != nil {
		return FamilyStep{}, err
	}
	err = app.db.Update(ctx, func(tx *storage.Tx) error {
		acc, inv, err := app.checkActivation(tx, a)
		if err != nil {
			return err
		}
		if taken, err := tx.UsernameTaken(a.Username, acc.ID); err != nil || taken {
			return firstErr(err, errUsernameTaken)
		}
		m := acc.Member()
		actor := &schakel.Actor{FamilyMember: &m, ClientAddr: a.ClientAddr, Workstation: a.Workstation}
		tx.Audit(actor, audit.Entry{Event: audit.EventLogin, ResourceType: "family_account", ResourceID: itoa(acc.ID),
			AccessBasis: audit.BasisSelf, Persons: []int64{acc.PersonID}, Detail: "activation code and birth date right; authenticator app asked"})
		if err := settleLoginState(tx, app, keys); err != nil {
			return err
		}
		return tx.CreateFamilyChallenge(auth.HashSecret(step.Challenge), storage.FamilyChallenge{AccountID: acc.ID, Purpose: storage.ChallengeEnrol,
			InvitationID: inv.ID, Username: a.Username, PasswordHash: hash, PendingSecret: totp.Encode(totp.NewSecret())}, challengeTTL)
	})
	if err != nil {
		return FamilyStep{}, err
	}
	return step, nil
}

var errUsernameTaken = &schakel.Error{Code: schakel.ECONFLICT, Key: "err.username_taken", Message: "Deze gebruikersnaam is al in gebruik.",
	Fields: []schakel.FieldError{{Field: "username", Code: "taken", Message: "Kies een andere naam."}}}

// checkActivation finds the code's account and checks it: an unknown code
// or another birth date is refused and audited, and so is a code that was
// used, revoked or expired (then it may say so: the birth date matched).
func (app *App) checkActivation(tx *storage.Tx, a Activation) (storage.FamilyAccount, storage.FamilyInvitation, error) {
	refuse := func(acc storage.FamilyAccount, detail string, answer error) (storage.FamilyAccount, storage.FamilyInvitation, error) {
		e := audit.Entry{Event: audit.EventLogin, Outcome: audit.Refused, ResourceType: "family_account", AccessBasis: audit.BasisNone, Detail: detail}
		if acc.ID != 0 {
			e.ResourceID, e.Persons = itoa(acc.ID), []int64{acc.PersonID}
		}
		tx.Audit(&schakel.Actor{ClientAddr: a.ClientAddr, Workstation: a.Workstation}, e)
		return acc, storage.FamilyInvitation{}, tx.RefuseWith(refusedLogin(detail), answer)
	}
	inv, err := tx.FamilyInvitationByCode(auth.HashSecret(auth.NormalizeActivationCode(a.Code)))
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return refuse(storage.FamilyAccount{}, "activation: unknown code", ErrBadActivation)
	} else if err != nil {
		return storage.FamilyAccount{}, inv, err
	}
	acc, err := tx.FamilyAccountByID(inv.AccountID)
	if err != nil {
		return acc, inv, err
	}
	if acc.BirthDate == nil || acc.BirthDate.Format("2006-01-02") != strings.TrimSpace(a.BirthDate) {
		return refuse(acc, "activation: birth date does not match", ErrBadActivation)
	}
	switch {
	case inv.UsedAt != nil:
		return refuse(acc, "activation: code already used", fieldErr(schakel.ECONFLICT, "code", "used", "Deze code is al gebruikt. Log in met uw gebruikersnaam en wachtwoord, of vraag uw contactpersoon om een nieuwe code."))
	case inv.RevokedAt != nil:
		return refuse(acc, "activation: code replaced", fieldErr(schakel.ECONFLICT, "code", "replaced", "Er is een nieuwere code voor u. Gebruik die, of vraag uw contactpersoon om hulp."))
	case !tx.Now().Before(inv.ExpiresAt):
		return refuse(acc, "activation: code expired", fieldErr(schakel.ECONFLICT, "code", "expired", "Deze code is verlopen. Vraag uw contactpersoon om een nieuwe code."))
	}
	return acc, inv, nil
}

// FamilyLogin checks a family member's username and password and asks for
// the second factor: a code of the app, or setting one up when the account
// has none yet (activated before the app was asked).
func (app *App) FamilyLogin(ctx context.Context, a Attempt) (FamilyStep, error) {
	username := NormalizeUsername(a.Email)
	if username == "" || a.Password == "" {
		return FamilyStep{}, ErrBadFamilyLogin
	}
	keys := loginguard.KeysFor("family:"+username, a.ClientAddr)
	if err := app.reserveLogin(ctx, keys, familyLimited(false)); err != nil {
		return FamilyStep{}, err
	}
	var acc storage.FamilyAccount
	err := app.db.View(ctx, func(tx *storage.Tx) error {
		var err error
		acc, err = tx.FamilyAccountByUsername(username)
		return err
	})
	if err != nil && schakel.ErrorCode(err) != schakel.ENOTFOUND {
		return FamilyStep{}, firstErr(app.cancelLogin(keys), err)
	}
	right, err := app.checkHash(ctx, a.Password, acc.PasswordHash)
	if err != nil {
		return FamilyStep{}, firstErr(app.cancelLogin(keys), err)
	}
	var step FamilyStep
	err = app.db.Update(ctx, func(tx *storage.Tx) error {
		if !right || !acc.Active {
			e := audit.Entry{Event: audit.EventLogin, Outcome: audit.Refused, ResourceType: "family_session", AccessBasis: audit.BasisNone, Detail: "unknown account or wrong password"}
			if acc.ID != 0 {
				e.Persons = []int64{acc.PersonID}
			}
			tx.Audit(&schakel.Actor{ClientAddr: a.ClientAddr, Workstation: a.Workstation}, e)
			return tx.RefuseWith(refusedLogin(e.Detail), ErrBadFamilyLogin)
		}
		if err := settleLoginState(tx, app, keys); err != nil {
			return err
		}
		m := acc.Member()
		asked, err := askFamilyFactor(tx, &schakel.Actor{FamilyMember: &m, ClientAddr: a.ClientAddr, Workstation: a.Workstation}, acc.ID)
		step = asked
		return err
	})
	if err != nil {
		return FamilyStep{}, err
	}
	return step, nil
}

// checkHash checks a password against a hash (the stand-in for an unknown
// account, so that it costs the same) within the bound on checks at once.
func (app *App) checkHash(ctx context.Context, password, hash string) (bool, error) {
	l := app.login
	known := hash != ""
	if !known {
		var err error
		if hash, err = l.standIn(); err != nil {
			return false, err
		}
	}
	wait, cancel := context.WithTimeout(ctx, l.cfg.QueueWait)
	defer cancel()
	select {
	case l.checks <- struct{}{}:
	case <-wait.Done():
		return false, &schakel.Error{Code: schakel.EUNAVAILABLE, Key: "err.busy", RetryAfter: 5 * time.Second, Message: "Het is nu erg druk. Probeer het over een paar seconden opnieuw."}
	}
	right := auth.CheckPassword(password, hash) == nil
	<-l.checks
	return known && right, nil
}

// settleLoginState gives the attempt's token back and starts the keys
// afresh: the first step of the login was right.
func settleLoginState(tx *storage.Tx, app *App, keys loginguard.Keys) error {
	st, err := loadState(tx, keys)
	if err != nil {
		return err
	}
	return saveState(tx, keys, app.login.cfg.Policy.Succeeded(tx.Now(), st))
}

package app

// Family members log in to their own Schakel: once with the activation
// code their contact professional gave them (with their birth date, and a
// username and password they choose), then with that username and
// password. The same login limits as for professionals apply (state in the
// database, shared by every server), and every checked attempt is audited.
// A second factor is not asked yet: issue 12 adds it for professionals,
// and FamilyLogin is the one place it would go.

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
var ErrBadActivation = &schakel.Error{Code: schakel.EUNAUTHENTICATED, Message: "De code of de geboortedatum klopt niet. Kijk goed of u alles goed heeft overgenomen.",
	Fields: []schakel.FieldError{{Field: "code", Code: "unknown", Message: "Deze code en geboortedatum horen niet bij elkaar."}}}

// ErrBadFamilyLogin is the one answer for an unknown username and a wrong
// password.
var ErrBadFamilyLogin = schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw gebruikersnaam of wachtwoord klopt niet.")

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
		v.Add("username", "too_long", "Kies een kortere gebruikersnaam.")
	case strings.ContainsAny(a.Username, " \t"):
		v.Add("username", "invalid", "Een gebruikersnaam heeft geen spaties.")
	}
	if refused := passwordpolicy.Check(a.Password); refused != nil {
		v.Add(refused.Field, refused.Code, refused.Message)
	}
	return v.Err()
}

// ActivateFamily checks an activation code with the birth date, sets the
// chosen username and password, uses the code up and opens a session, in
// one transaction. It returns the session secret.
func (app *App) ActivateFamily(ctx context.Context, a Activation) (string, error) {
	if err := checkActivationForm(&a); err != nil {
		return "", err
	}
	keys := loginguard.KeysFor("family-activation", a.ClientAddr)
	if err := app.reserveLogin(ctx, keys); err != nil {
		return "", err
	}
	hash, err := auth.HashPassword(a.Password, app.login.cfg.PasswordParams)
	if err != nil {
		return "", err
	}
	secret, err := auth.NewSecret("")
	if err != nil {
		return "", err
	}
	err = app.db.Update(ctx, func(tx *storage.Tx) error {
		acc, err := app.checkActivation(tx, a)
		if err != nil {
			return err
		}
		if taken, err := tx.UsernameTaken(a.Username, acc.ID); err != nil || taken {
			return firstErr(err, &schakel.Error{Code: schakel.ECONFLICT, Message: "Deze gebruikersnaam is al in gebruik.",
				Fields: []schakel.FieldError{{Field: "username", Code: "taken", Message: "Kies een andere gebruikersnaam."}}})
		}
		if err := tx.ActivateFamilyAccount(acc.ID, a.Username, hash); err != nil {
			return err
		}
		m := acc.Member()
		actor := &schakel.Actor{FamilyMember: &m, ClientAddr: a.ClientAddr, Workstation: a.Workstation}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "family_account", ResourceID: itoa(acc.ID),
			AccessBasis: audit.BasisSelf, Persons: []int64{acc.PersonID}, Detail: "activated with a one-time code"})
		return app.settleFamilyLogin(tx, keys, actor, secret)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// checkActivation finds the code's account and checks it: an unknown code
// or another birth date is refused and audited, and so is a code that was
// used, revoked or expired (then it may say so: the birth date matched).
func (app *App) checkActivation(tx *storage.Tx, a Activation) (storage.FamilyAccount, error) {
	refuse := func(acc storage.FamilyAccount, detail string, answer error) (storage.FamilyAccount, error) {
		e := audit.Entry{Event: audit.EventLogin, Outcome: audit.Refused, ResourceType: "family_account", AccessBasis: audit.BasisNone, Detail: detail}
		if acc.ID != 0 {
			e.ResourceID, e.Persons = itoa(acc.ID), []int64{acc.PersonID}
		}
		tx.Audit(&schakel.Actor{ClientAddr: a.ClientAddr, Workstation: a.Workstation}, e)
		return acc, tx.RefuseWith(refusedLogin(detail), answer)
	}
	inv, err := tx.FamilyInvitationByCode(auth.HashSecret(auth.NormalizeActivationCode(a.Code)))
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return refuse(storage.FamilyAccount{}, "activation: unknown code", ErrBadActivation)
	} else if err != nil {
		return storage.FamilyAccount{}, err
	}
	acc, err := tx.FamilyAccountByID(inv.AccountID)
	if err != nil {
		return acc, err
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
	if ok, err := tx.UseFamilyInvitation(inv.ID); err != nil || !ok {
		return acc, firstErr(err, schakel.Errorf(schakel.ECONFLICT, "Deze code is net gebruikt."))
	}
	return acc, nil
}

// FamilyLogin checks a family member's username and password and opens a
// session. It returns the session secret.
func (app *App) FamilyLogin(ctx context.Context, a Attempt) (string, error) {
	username := NormalizeUsername(a.Email)
	if username == "" || a.Password == "" {
		return "", ErrBadFamilyLogin
	}
	keys := loginguard.KeysFor("family:"+username, a.ClientAddr)
	if err := app.reserveLogin(ctx, keys); err != nil {
		return "", err
	}
	var acc storage.FamilyAccount
	err := app.db.View(ctx, func(tx *storage.Tx) error {
		var err error
		acc, err = tx.FamilyAccountByUsername(username)
		return err
	})
	if err != nil && schakel.ErrorCode(err) != schakel.ENOTFOUND {
		return "", firstErr(app.cancelLogin(keys), err)
	}
	right, err := app.checkHash(ctx, a.Password, acc.PasswordHash)
	if err != nil {
		return "", firstErr(app.cancelLogin(keys), err)
	}
	secret, err := auth.NewSecret("")
	if err != nil {
		return "", err
	}
	err = app.db.Update(ctx, func(tx *storage.Tx) error {
		if !right || !acc.Active {
			e := audit.Entry{Event: audit.EventLogin, Outcome: audit.Refused, ResourceType: "family_session", AccessBasis: audit.BasisNone, Detail: "unknown account or wrong password"}
			if acc.ID != 0 {
				e.Persons = []int64{acc.PersonID}
			}
			tx.Audit(&schakel.Actor{ClientAddr: a.ClientAddr, Workstation: a.Workstation}, e)
			return tx.RefuseWith(refusedLogin(e.Detail), ErrBadFamilyLogin)
		}
		m := acc.Member()
		return app.settleFamilyLogin(tx, keys, &schakel.Actor{FamilyMember: &m, ClientAddr: a.ClientAddr, Workstation: a.Workstation}, secret)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
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
		return false, &schakel.Error{Code: schakel.EUNAVAILABLE, RetryAfter: 5 * time.Second, Message: "Het is nu erg druk. Probeer het over een paar seconden opnieuw."}
	}
	right := auth.CheckPassword(password, hash) == nil
	<-l.checks
	return known && right, nil
}

// settleFamilyLogin gives the attempt's token back, starts the account
// afresh and opens the session.
func (app *App) settleFamilyLogin(tx *storage.Tx, keys loginguard.Keys, actor *schakel.Actor, secret string) error {
	st, err := loadState(tx, keys)
	if err != nil {
		return err
	}
	if err := saveState(tx, keys, app.login.cfg.Policy.Succeeded(tx.Now(), st)); err != nil {
		return err
	}
	return tx.OpenFamilySession(actor, auth.HashSecret(secret), app.login.cfg.SessionMaxAge)
}

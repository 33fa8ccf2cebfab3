package app

// Passkeys (WebAuthn) as a second factor, beside the authenticator app:
// enrolling one, naming it, listing them. The WebAuthn checks are the
// library's (internal/passkey); the rules are those of the app: a first
// factor set up outside the login takes the password, adding one beside a
// factor takes a step-up, every change is audited, and a refusal keeps
// nothing but its audit entry (and the ceremony it used up: a challenge is
// answered once).

import (
	"context"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-webauthn/webauthn/webauthn"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/passkey"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// PasskeyNameMax is the longest name a passkey may have.
const PasskeyNameMax = textlimit.Short

// PasskeyInfo is a passkey as its owner sees it (never its key).
type PasskeyInfo struct {
	ID           int64      `json:"id"`
	Name         string     `json:"name"`
	CreatedAt    time.Time  `json:"created_at"`
	LastUsedAt   *time.Time `json:"last_used_at,omitempty"`
	CloneWarning bool       `json:"clone_warning"`
}

// PasskeyEnrolled is the answer to a finished enrolment: the passkey and,
// with a first factor, the recovery codes (shown once).
type PasskeyEnrolled struct {
	Passkey       PasskeyInfo `json:"passkey"`
	RecoveryCodes []string    `json:"recovery_codes"`
}

func passkeyInfos(keys []storage.Passkey) []PasskeyInfo {
	out := make([]PasskeyInfo, 0, len(keys))
	for _, k := range keys {
		out = append(out, PasskeyInfo{ID: k.ID, Name: k.Name, CreatedAt: k.CreatedAt, LastUsedAt: k.LastUsedAt, CloneWarning: k.CloneWarning})
	}
	return out
}

// passkeyOwner loads a professional's passkeys for a ceremony.
func passkeyOwner(tx *storage.Tx, p schakel.Professional) (passkey.Owner, []storage.Passkey, error) {
	o := passkey.Owner{ProfessionalID: p.ID, Email: p.Email, Name: p.Name}
	keys, err := tx.Passkeys(p.ID)
	if err != nil {
		return o, nil, err
	}
	for _, k := range keys {
		var c webauthn.Credential
		if err := json.Unmarshal(k.Credential, &c); err != nil {
			return o, nil, err
		}
		o.Credentials = append(o.Credentials, c)
	}
	return o, keys, nil
}

// hasFactor reports whether a professional has a confirmed app or a passkey.
func hasFactor(tx *storage.Tx, id int64) (bool, error) {
	f, ok, err := tx.TOTPFactor(id)
	if err != nil || (ok && f.Confirmed()) {
		return ok && f.Confirmed(), err
	}
	keys, err := tx.Passkeys(id)
	return len(keys) > 0, err
}

// errNoRP answers a passkey asked for at an address WebAuthn cannot use.
var errNoRP = schakel.Errorf(schakel.ECONFLICT, "Passkeys werken alleen als Schakel een webadres met een naam heeft, niet een IP-adres. Gebruik de app voor inlogcodes, of vraag de beheerder om --public-url in te stellen.")

// BeginPasskey starts enrolling a passkey for the actor: it returns the
// options for navigator.credentials.create and keeps the challenge on the
// server, bound to the session or token (cred). Beside an existing factor
// it takes a step-up first, as replacing the app does.
func (app *App) BeginPasskey(ctx context.Context, actor *schakel.Actor, cred storage.Credential, rpErr error, rp passkey.RP) (json.RawMessage, error) {
	p := actor.Professional
	if p == nil || cred.Hash == "" {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers stellen hier een tweede factor in.")
	}
	if rpErr != nil {
		return nil, errNoRP
	}
	var options []byte
	err := app.db.Update(ctx, func(tx *storage.Tx) error {
		has, err := hasFactor(tx, p.ID)
		if err != nil {
			return err
		}
		if has {
			if err := refuseWithoutStepUp(tx, actor, audit.Entry{Event: audit.EventCreate, ResourceType: "passkey", ResourceID: itoa(p.ID)}); err != nil {
				return err
			}
		}
		o, _, err := passkeyOwner(tx, *p)
		if err != nil {
			return err
		}
		var state []byte
		if options, state, err = passkey.BeginRegistration(rp, o); err != nil {
			return err
		}
		return tx.BeginCeremony(cred.Hash, storage.CeremonyRegister, p.ID, state, passkey.CeremonyLife)
	})
	return options, err
}

// PasskeyEnrolment is a finished enrolment as the browser sends it.
type PasskeyEnrolment struct {
	Name     string
	Password string // only with a first factor (ConfirmApp says why)
	Answer   []byte // the JSON of the PublicKeyCredential
}

// checkPasskeyName returns the trimmed name, or a field error.
func checkPasskeyName(name string) (string, error) {
	name = strings.TrimSpace(name)
	f := schakel.FieldError{Field: "name", Code: "name_required", Message: "Geef de passkey een naam, bijvoorbeeld 'laptop' of 'telefoon'."}
	switch {
	case name == "":
	case utf8.RuneCountInString(name) > PasskeyNameMax:
		f = schakel.FieldError{Field: "name", Code: textlimit.CodeTooLong, Message: "Deze naam is te lang: gebruik hoogstens 40 tekens."}
	default:
		return name, nil
	}
	return "", &schakel.Error{Code: schakel.EINVALID, Message: "Kies een naam voor de passkey.", Fields: []schakel.FieldError{f}}
}

// errPasskeyAnswer answers an enrolment or use the checks refused.
func errPasskeyAnswer(code, msg string) error {
	return &schakel.Error{Code: schakel.EINVALID, Message: "De passkey is niet geaccepteerd.", Fields: []schakel.FieldError{{Field: "credential", Code: code, Message: msg}}}
}

var (
	errCeremonyGone = errPasskeyAnswer("challenge_expired", "Deze poging is verlopen of al gebruikt. Probeer het opnieuw.")
	errAnswerBad    = errPasskeyAnswer("passkey_refused", "Uw browser gaf een antwoord dat niet klopt. Probeer het opnieuw.")
	errPasskeyTaken = errPasskeyAnswer("passkey_exists", "Deze passkey is al ingesteld.")
)

// FinishPasskey checks the authenticator's answer to the actor's
// enrolment and stores the passkey. Like the app's confirmation it counts
// as a step-up of the session or token; a first factor comes with
// recovery codes.
func (app *App) FinishPasskey(ctx context.Context, actor *schakel.Actor, cred storage.Credential, rpErr error, rp passkey.RP, in PasskeyEnrolment) (PasskeyEnrolled, error) {
	var out PasskeyEnrolled
	p := actor.Professional
	if p == nil || cred.Hash == "" {
		return out, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers stellen hier een tweede factor in.")
	}
	if rpErr != nil {
		return out, errNoRP
	}
	name, err := checkPasskeyName(in.Name)
	if err != nil {
		return out, err
	}
	proof := firstAppProof{asked: true}
	if in.Password != "" {
		if proof.passwordOK, err = app.passwordMatches(ctx, p.Email, in.Password); err != nil {
			return out, err
		}
		proof.passwordTyped = true
	}
	var answer error
	err = app.db.Update(ctx, func(tx *storage.Tx) error {
		var err error
		out, answer, err = enrolPasskey(tx, actor, cred, rp, name, proof, in.Answer)
		return err
	})
	if err == nil {
		err = answer
	}
	return out, err
}

// enrolPasskey is FinishPasskey's transaction. A refusal is returned as
// answer, with nothing written but its audit entry and the used ceremony.
func enrolPasskey(tx *storage.Tx, actor *schakel.Actor, cred storage.Credential, rp passkey.RP, name string, proof firstAppProof, raw []byte) (PasskeyEnrolled, error, error) {
	p := actor.Professional
	d := access.DecideFactors(access.SubjectFor(actor), p.ID, p.Organisation.ID)
	entry := audit.Entry{Event: audit.EventCreate, ResourceType: "passkey", ResourceID: itoa(p.ID), UserID: p.ID}
	refuse := func(why string, answer error) (PasskeyEnrolled, error, error) {
		entry.Detail = "passkey not enrolled: " + why
		tx.AuditDecision(actor, access.Decision{Basis: d.Basis, Reason: entry.Detail}, entry)
		return PasskeyEnrolled{}, answer, nil
	}
	has, err := hasFactor(tx, p.ID)
	if err != nil {
		return PasskeyEnrolled{}, nil, err
	}
	if has && access.NeedsStepUp(access.ActSecondFactor, actor.Login, tx.Now()) {
		return refuse("step-up required: no second factor in the last 5 minutes; login "+actor.Login.String(), ErrStepUp)
	}
	if !has && proof.asked && !proof.passwordOK && access.NeedsStepUp(access.ActSecondFactor, actor.Login, tx.Now()) {
		if proof.passwordTyped {
			return refuse("wrong password", errFirstAppPassword(true))
		}
		return refuse("password missing", errFirstAppPassword(false))
	}
	// Checked after the proof above, so that a missing password does not
	// use up the ceremony.
	owner, state, ok, err := tx.TakeCeremony(cred.Hash, storage.CeremonyRegister)
	if err != nil {
		return PasskeyEnrolled{}, nil, err
	}
	if !ok || owner != p.ID {
		return refuse("challenge unknown, used or expired", errCeremonyGone)
	}
	o, _, err := passkeyOwner(tx, *p)
	if err != nil {
		return PasskeyEnrolled{}, nil, err
	}
	c, err := passkey.FinishRegistration(rp, o, state, raw)
	if err != nil {
		return refuse("the authenticator's answer did not pass: "+cut(err.Error()), errAnswerBad)
	}
	id := passkey.EncodeID(c.ID)
	if taken, err := tx.PasskeyCredentialTaken(id); err != nil || taken {
		if err != nil {
			return PasskeyEnrolled{}, nil, err
		}
		return refuse("this passkey is stored already", errPasskeyTaken)
	}
	record, err := json.Marshal(c)
	if err != nil {
		return PasskeyEnrolled{}, nil, err
	}
	rowID, err := tx.InsertPasskey(storage.Passkey{ProfessionalID: p.ID, CredentialID: id, Name: name, Credential: record, SignCount: int64(c.Authenticator.SignCount)})
	if err != nil {
		return PasskeyEnrolled{}, nil, err
	}
	entry.ResourceID, entry.Detail = itoa(rowID), "passkey enrolled: "+name
	tx.AuditDecision(actor, d, entry)
	out := PasskeyEnrolled{Passkey: PasskeyInfo{ID: rowID, Name: name, CreatedAt: tx.Now().UTC()}, RecoveryCodes: []string{}}
	if left, err := tx.RecoveryCodesLeft(p.ID); err != nil {
		return out, nil, err
	} else if left == 0 {
		if out.RecoveryCodes, err = newRecoveryCodes(tx, actor, d); err != nil {
			return out, nil, err
		}
	}
	_, err = tx.SteppedUp(cred, schakel.FactorPasskey)
	return out, nil, err
}

// cut shortens a library's message for the audit trail.
func cut(s string) string {
	if len(s) > 200 {
		return s[:200]
	}
	return s
}

// RenamePasskey renames one of the actor's own passkeys (audited).
func (app *App) RenamePasskey(ctx context.Context, actor *schakel.Actor, id int64, name string) error {
	p := actor.Professional
	if p == nil {
		return schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers hebben hier een tweede factor.")
	}
	name, err := checkPasskeyName(name)
	if err != nil {
		return err
	}
	return app.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.DecideFactors(access.SubjectFor(actor), p.ID, p.Organisation.ID)
		ok, err := tx.RenamePasskey(p.ID, id, name)
		if err != nil {
			return err
		}
		if !ok {
			return schakel.Errorf(schakel.ENOTFOUND, "Deze passkey bestaat niet (meer).")
		}
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "passkey", ResourceID: itoa(id), UserID: p.ID, Detail: "passkey renamed: " + name})
		return nil
	})
}

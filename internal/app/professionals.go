package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// Organisations and accounts. Each command has an App method that runs it
// in a transaction of its own (the screens and the API), and an In
// function that runs it inside the caller's transaction (the command line
// and the demo loader, which act as the system; a nil actor is the system).

// CreateOrganisation adds an organisation to a region.
func (a *App) CreateOrganisation(ctx context.Context, actor *schakel.Actor, o *schakel.Organisation) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error { return CreateOrganisationIn(tx, actor, o) })
}

// CreateOrganisationIn is CreateOrganisation in the caller's transaction.
func CreateOrganisationIn(tx *storage.Tx, actor *schakel.Actor, o *schakel.Organisation) error {
	actor = orSystem(actor)
	d := access.Decide(access.SubjectFor(actor), access.Organisations, access.Write, access.Context{})
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "organisation"})
	if !d.Allowed {
		return tx.Refuse(d)
	}
	name := strings.TrimSpace(o.Name)
	var v schakel.Validation
	if name == "" {
		v.Add("name", "required", "Vul de naam van de organisatie in.")
	} else {
		textlimit.Check(&v, "name", name, textlimit.Name)
	}
	if !o.Kind.Valid() {
		v.Add("kind", "unknown", "Kies een soort organisatie uit de lijst.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	id, err := tx.InsertOrganisation(o.RegionID, name, o.Kind)
	o.ID = id
	return err
}

// CreateProfessional adds an account.
func (a *App) CreateProfessional(ctx context.Context, actor *schakel.Actor, in schakel.ProfessionalInput) (int64, error) {
	var id int64
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		var err error
		id, err = CreateProfessionalIn(tx, actor, in)
		return err
	})
	return id, err
}

// CreateProfessionalIn is CreateProfessional in the caller's transaction.
// Access comes first: a refused attempt is audited even when its input is
// also invalid; an allowed one is audited with the new account's id.
func CreateProfessionalIn(tx *storage.Tx, actor *schakel.Actor, in schakel.ProfessionalInput) (int64, error) {
	actor = orSystem(actor)
	d := access.Decide(access.SubjectFor(actor), access.Professionals, access.Write,
		access.Context{TargetOrganisationID: in.OrganisationID})
	if !d.Allowed {
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "professional"})
		return 0, tx.Refuse(d)
	}
	in, err := validProfessional(in)
	if err != nil {
		return 0, err
	}
	if ok, err := tx.OrganisationExists(in.OrganisationID); err != nil {
		return 0, err
	} else if !ok {
		return 0, &schakel.Error{Code: schakel.EINVALID, Message: "Die organisatie bestaat niet.",
			Fields: []schakel.FieldError{{Field: "organisation_id", Code: "unknown", Message: "Kies een bestaande organisatie."}}}
	}
	if err := tx.EmployeeNumberFree(in.OrganisationID, 0, in.EmployeeNumber); err != nil {
		return 0, err
	}
	id, err := tx.InsertProfessional(in)
	if err != nil {
		return 0, err
	}
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "professional", ResourceID: fmt.Sprint(id)})
	return id, nil
}

// UpdateProfessional changes an account's name, team, phone, employee
// number, roles and expertises. The e-mail address and organisation stay.
func (a *App) UpdateProfessional(ctx context.Context, actor *schakel.Actor, id int64, in schakel.ProfessionalInput) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error { return UpdateProfessionalIn(tx, actor, id, in) })
}

// UpdateProfessionalIn is UpdateProfessional in the caller's transaction.
func UpdateProfessionalIn(tx *storage.Tx, actor *schakel.Actor, id int64, in schakel.ProfessionalInput) error {
	cur, err := tx.ProfessionalRecord(id)
	if err != nil {
		return err
	}
	in.OrganisationID, in.Email = cur.Organisation.ID, cur.Email
	if err := guardAccount(tx, actor, cur, audit.EventUpdate, ""); err != nil {
		return err
	}
	if in, err = validProfessional(in); err != nil {
		return err
	}
	if err := tx.EmployeeNumberFree(cur.Organisation.ID, id, in.EmployeeNumber); err != nil {
		return err
	}
	return tx.SaveProfessional(id, in)
}

// SetProfessionalActive enables or disables an account. Disabling ends all
// its sessions and revokes its API tokens at once; nobody disables their
// own account.
func (a *App) SetProfessionalActive(ctx context.Context, actor *schakel.Actor, id int64, active bool) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error { return SetProfessionalActiveIn(tx, actor, id, active) })
}

// SetProfessionalActiveIn is SetProfessionalActive in the caller's
// transaction.
func SetProfessionalActiveIn(tx *storage.Tx, actor *schakel.Actor, id int64, active bool) error {
	cur, err := tx.ProfessionalRecord(id)
	if err != nil {
		return err
	}
	actor = orSystem(actor)
	if err := guardAccount(tx, actor, cur, audit.EventUpdate, fmt.Sprintf("active=%v", active)); err != nil {
		return err
	}
	if actor.PrincipalID() == id && actor.Kind() == schakel.PrincipalProfessional && !active {
		return schakel.Errorf(schakel.ECONFLICT, "U kunt uw eigen account niet uitzetten.")
	}
	if active {
		// Re-activating ends a suspension by a membership round.
		lifted, err := tx.LiftSuspension(id, actor.PrincipalID())
		if err != nil {
			return err
		}
		if lifted {
			tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "membership_suspension", ResourceID: fmt.Sprint(id),
				AccessBasis: audit.BasisRole, Detail: "suspension lifted: re-activated by an administrator"})
		}
	}
	return tx.SaveProfessionalActive(id, active)
}

// guardAccount decides and audits a change to an existing account: its
// organisation's administrators (or the system) may.
func guardAccount(tx *storage.Tx, actor *schakel.Actor, cur schakel.Professional, event, detail string) error {
	actor = orSystem(actor)
	d := access.Decide(access.SubjectFor(actor), access.Professionals, access.Write,
		access.Context{TargetOrganisationID: cur.Organisation.ID})
	tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: "professional", ResourceID: fmt.Sprint(cur.ID), Detail: detail})
	if !d.Allowed {
		return tx.Refuse(d)
	}
	return nil
}

// AddDutyShift puts a professional on the on-duty roster.
func (a *App) AddDutyShift(ctx context.Context, actor *schakel.Actor, professionalID int64, start, end time.Time) (int64, error) {
	var id int64
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		var err error
		id, err = AddDutyShiftIn(tx, actor, professionalID, start, end)
		return err
	})
	return id, err
}

// AddDutyShiftIn is AddDutyShift in the caller's transaction.
func AddDutyShiftIn(tx *storage.Tx, actor *schakel.Actor, professionalID int64, start, end time.Time) (int64, error) {
	if !end.After(start) {
		return 0, &schakel.Error{Code: schakel.EINVALID, Message: "Het einde van de dienst moet na het begin liggen.",
			Fields: []schakel.FieldError{{Field: "end", Code: "before_start", Message: "Kies een eindtijd na de begintijd."}}}
	}
	p, err := tx.ProfessionalRecord(professionalID)
	if err != nil {
		return 0, err
	}
	actor = orSystem(actor)
	d := access.Decide(access.SubjectFor(actor), access.Roster, access.Write,
		access.Context{TargetOrganisationID: p.Organisation.ID})
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "duty_shift", ResourceID: fmt.Sprint(professionalID)})
	if !d.Allowed {
		return 0, tx.Refuse(d)
	}
	return tx.InsertDutyShift(professionalID, start, end)
}

// orSystem returns actor, or Schakel itself for callers that pass none.
func orSystem(actor *schakel.Actor) *schakel.Actor {
	if actor == nil {
		return schakel.SystemActor("command line")
	}
	return actor
}

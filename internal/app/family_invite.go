package app

// The professional's side of the family's own Schakel: who of the family
// may be invited, the one-time activation code, where someone stays in a
// shelter, withholding with a written reason, and answering the family's
// statements and requests.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
	"schakel/internal/workdays"
)

// InvitationDays is how long an activation code works.
const InvitationDays = 14

// WithholdReviewDays is the working days within which a team lead reviews
// a withholding.
const WithholdReviewDays = 5

// FamilyInvite is a new activation code: shown once, never stored.
type FamilyInvite struct {
	Person    schakel.PersonRef
	Code      string
	ExpiresAt time.Time
}

// FamilyMemberRow is one person of the family on the professional's page.
type FamilyMemberRow struct {
	Person     schakel.Person
	Facts      access.FamilyPerson
	Invitable  access.Decision
	Activated  bool
	Invitation *storage.FamilyInvitation // the newest
	Consent    bool
}

// FamilyMembersView is the professional's page on the family's own view.
type FamilyMembersView struct {
	Case         schakel.Case
	Actions      []schakel.Action // the plan's agreements, to withhold one
	Members      []FamilyMemberRow
	Withholdings []storage.FamilyWithholding
	Requests     []storage.FamilyRequest
	MayInvite    bool // the actor invites for the organisation with regie
}

// mayInviteFor reports whether the actor is the contact professional of
// the case: the contact of the organisation with regie, or anyone of that
// organisation when it named no contact.
func mayInviteFor(tx *storage.Tx, actor *schakel.Actor, caseID int64) (bool, error) {
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return false, err
	}
	regie := orgs.RegieHolder()
	if regie == 0 || actor.Professional.Organisation.ID != regie {
		return false, nil
	}
	contact := orgs.Contact(regie)
	return contact == 0 || contact == actor.Professional.ID, nil
}

// FamilyMembersPage loads the page in one audited read.
func (a *App) FamilyMembersPage(ctx context.Context, actor *schakel.Actor, caseID int64) (FamilyMembersView, error) {
	var v FamilyMembersView
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCase(tx, actor, caseID, access.Read, audit.EventRead, "family members and their own view"); err != nil {
			return err
		}
		c, ws, err := caseWithWorkspace(tx, caseID)
		if err != nil {
			return err
		}
		v.Case, v.Actions = c, ws.Plan.Actions
		shelter, err := tx.InShelter(c.FamilyID)
		if err != nil {
			return err
		}
		consent, err := tx.FamilyConsents(c.FamilyID)
		if err != nil {
			return err
		}
		invs, err := tx.FamilyInvitations(caseID)
		if err != nil {
			return err
		}
		for i, fp := range familyPersons(c, shelter, tx.Now()) {
			row := FamilyMemberRow{Person: c.Persons[i], Facts: fp, Invitable: access.MayInvite(fp), Consent: consent[fp.ID]}
			if acc, err := tx.FamilyAccountOf(fp.ID); err == nil {
				row.Activated = acc.Active
			} else if schakel.ErrorCode(err) != schakel.ENOTFOUND {
				return err
			}
			if k := slices.IndexFunc(invs, func(x storage.FamilyInvitation) bool { return x.PersonID == fp.ID }); k >= 0 {
				row.Invitation = &invs[k]
			}
			v.Members = append(v.Members, row)
		}
		if v.Withholdings, err = tx.FamilyWithholdings(caseID); err != nil {
			return err
		}
		if v.Requests, err = tx.FamilyRequestsOnCase(caseID); err != nil {
			return err
		}
		v.MayInvite, err = mayInviteFor(tx, actor, caseID)
		return err
	})
	return v, err
}

// familyPerson finds a person of the case, with the family rules' facts.
func familyPerson(tx *storage.Tx, c schakel.Case, personID int64) (schakel.Person, access.FamilyPerson, error) {
	shelter, err := tx.InShelter(c.FamilyID)
	if err != nil {
		return schakel.Person{}, access.FamilyPerson{}, err
	}
	for i, fp := range familyPersons(c, shelter, tx.Now()) {
		if fp.ID == personID {
			return c.Persons[i], fp, nil
		}
	}
	return schakel.Person{}, access.FamilyPerson{}, fieldErr(schakel.EINVALID, "person", "unknown", "Deze persoon hoort niet bij dit gezin.")
}

// InviteFamilyMember makes a one-time activation code for a person of the
// case: only the contact professional, only for a child of 12 or older or
// a parent with authority. A new code replaces an unused older one.
func (a *App) InviteFamilyMember(ctx context.Context, actor *schakel.Actor, caseID, personID int64) (FamilyInvite, error) {
	var out FamilyInvite
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventCreate, detail: fmt.Sprintf("invite person %d to the family view", personID)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		if ok, err := mayInviteFor(tx, actor, caseID); err != nil || !ok {
			return firstErr(err, tx.RefuseRule(actor, caseID, audit.EventCreate, "Alleen de contactpersoon van de organisatie met de regie nodigt gezinsleden uit."))
		}
		c, _, err := caseWithWorkspace(tx, caseID)
		if err != nil {
			return err
		}
		p, fp, err := familyPerson(tx, c, personID)
		if err != nil {
			return err
		}
		if d := access.MayInvite(fp); !d.Allowed {
			return tx.RefuseRule(actor, caseID, audit.EventCreate, d.Reason)
		}
		acc, err := tx.FamilyAccountOf(personID)
		if schakel.ErrorCode(err) == schakel.ENOTFOUND {
			acc.ID, err = tx.InsertFamilyAccount(personID, caseID, actor.Professional.ID)
		}
		if err != nil {
			return err
		}
		code, err := auth.NewActivationCode()
		if err != nil {
			return err
		}
		out = FamilyInvite{Person: schakel.PersonRef{ID: p.ID, Name: strings.TrimSpace(p.GivenNames + " " + p.FamilyName), Kind: p.Kind},
			Code: code, ExpiresAt: tx.Now().AddDate(0, 0, InvitationDays)}
		_, err = tx.InsertFamilyInvitation(acc.ID, auth.HashSecret(auth.NormalizeActivationCode(code)), actor.Professional.ID, out.ExpiresAt)
		return err
	})
	return out, err
}

// SetInShelter records that a person of the case stays in a shelter (or no
// longer does). Any organisation on the case may: safety is everyone's.
func (a *App) SetInShelter(ctx context.Context, actor *schakel.Actor, caseID, personID int64, in bool) error {
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("person %d in shelter: %v", personID, in)}
	return a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		c, _, err := caseWithWorkspace(tx, caseID)
		if err != nil {
			return err
		}
		if _, _, err := familyPerson(tx, c, personID); err != nil {
			return err
		}
		return tx.SetInShelter(personID, in)
	})
}

// WithholdFromFamily withholds one agreement (actionID) or the whole view
// (actionID 0) from a family member, with a written reason; the team leads
// of the actor's organisation get a work item to review it within 5
// working days.
func (a *App) WithholdFromFamily(ctx context.Context, actor *schakel.Actor, caseID, personID, actionID int64, reason string) error {
	reason = strings.TrimSpace(reason)
	switch n := textlimit.Len(reason); {
	case n < access.MinEmergencyReason:
		return fieldErr(schakel.EINVALID, "reason", "too_short", fmt.Sprintf("Schrijf op waarom (minstens %d tekens): welke schade voor het kind wilt u voorkomen?", access.MinEmergencyReason))
	case n > textlimit.Reason:
		return fieldErr(schakel.EINVALID, "reason", "too_long", fmt.Sprintf("Hoogstens %d tekens.", textlimit.Reason))
	}
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("withhold action %d from person %d", actionID, personID)}
	return a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		c, _, err := caseWithWorkspace(tx, caseID)
		if err != nil {
			return err
		}
		if _, _, err := familyPerson(tx, c, personID); err != nil {
			return err
		}
		if actionID != 0 {
			if _, err := actionOnCase(tx, caseID, actionID); err != nil {
				return err
			}
		}
		due := workdays.AddWorkingDays(tx.Now(), WithholdReviewDays)
		if _, err := tx.InsertFamilyWithholding(caseID, personID, actionID, reason, actor.Professional.ID, due); err != nil {
			return err
		}
		leads, err := tx.TeamLeads(actor.Professional.Organisation.ID)
		if err != nil {
			return err
		}
		for _, id := range leads {
			if err := tx.Notify(id, "family_withholding", caseID, fmt.Sprintf("%s hield iets achter voor een gezinslid. Beoordeel dat vóór %s.",
				actor.Professional.Name, due.In(workdays.Location()).Format("02-01-2006"))); err != nil {
				return err
			}
		}
		return nil
	})
}

// AnswerFamilyRequest stores the regie holder's answer to a statement or
// request; the family member sees it on their page.
func (a *App) AnswerFamilyRequest(ctx context.Context, actor *schakel.Actor, caseID, requestID int64, answer string) error {
	answer = strings.TrimSpace(answer)
	switch n := textlimit.Len(answer); {
	case n == 0:
		return fieldErr(schakel.EINVALID, "answer", "required", "Schrijf uw antwoord aan het gezin.")
	case n > textlimit.Text:
		return fieldErr(schakel.EINVALID, "answer", "too_long", fmt.Sprintf("Hoogstens %d tekens.", textlimit.Text))
	}
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("answer family request %d", requestID)}
	return a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		regie, err := tx.CaseRegie(caseID)
		if err != nil {
			return err
		}
		if regie != actor.Professional.Organisation.ID {
			return tx.RefuseRule(actor, caseID, audit.EventUpdate, "Alleen de organisatie met de regie beantwoordt verzoeken van het gezin.")
		}
		if _, err := tx.FamilyRequestOnCase(caseID, requestID); err != nil {
			return err
		}
		return tx.AnswerFamilyRequest(requestID, answer, actor.Professional.ID)
	})
}

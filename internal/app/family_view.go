package app

// The family's own view: what a family member sees of their case, each
// read guarded by internal/access's family rules and audited with the
// family principal, in the persons whose parts were shown.

import (
	"context"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/familytext"
	"schakel/internal/familyview"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// family is a family member's case as the rules see it.
type family struct {
	acc          storage.FamilyAccount
	c            schakel.Case
	w            schakel.Workspace
	scope        access.FamilyScope
	consent      map[int64]bool
	withholdings []storage.FamilyWithholding
}

// familyPersons are the persons of a case as the family rules see them,
// their ages on the day of now.
func familyPersons(c schakel.Case, shelter map[int64]bool, now time.Time) []access.FamilyPerson {
	day := now.In(workdays.Location())
	out := make([]access.FamilyPerson, 0, len(c.Persons))
	for _, p := range c.Persons {
		out = append(out, access.FamilyPerson{ID: p.ID, Child: p.Kind == "child", Age: access.AgeOn(p.BirthDate, day),
			Authority: p.Kind == "adult" && p.ParentalAuthority, InShelter: shelter[p.ID]})
	}
	return out
}

// errFamilyLoginAgain answers a family use case asked without a family
// member's session (it ended, or never was one).
var errFamilyLoginAgain = schakel.Keyed(schakel.EUNAUTHENTICATED, "err.family_login_again", "U bent niet meer ingelogd. Log opnieuw in om verder te gaan.")

// loadFamily loads the actor's case and decides their scope over it.
func loadFamily(tx *storage.Tx, actor *schakel.Actor) (family, error) {
	var f family
	if actor.Kind() != schakel.PrincipalFamilyMember {
		return f, errFamilyLoginAgain
	}
	acc, err := tx.FamilyAccountByID(actor.FamilyMember.ID)
	if err != nil {
		return f, err
	}
	f.acc = acc
	if f.c, f.w, err = caseWithWorkspace(tx, acc.CaseID); err != nil {
		return f, err
	}
	shelter, err := tx.InShelter(f.c.FamilyID)
	if err != nil {
		return f, err
	}
	if f.consent, err = tx.FamilyConsents(f.c.FamilyID); err != nil {
		return f, err
	}
	if f.withholdings, err = tx.FamilyWithholdings(f.c.ID); err != nil {
		return f, err
	}
	persons := familyPersons(f.c, shelter, tx.Now())
	// A person no longer on the case sees nothing: the zero viewer is a
	// child of unknown age.
	viewer := access.FamilyPerson{ID: acc.PersonID, Child: true, Age: -1}
	for _, p := range persons {
		if p.ID == acc.PersonID {
			viewer = p
		}
	}
	withheld := false
	for _, w := range f.withholdings {
		withheld = withheld || (w.PersonID == acc.PersonID && w.ActionID == 0)
	}
	f.scope = access.ScopeOf(viewer, persons, f.consent, withheld)
	return f, nil
}

// seen are the persons whose parts the view shows: the read is in their
// access logs.
func (f family) seen() []int64 {
	var ids []int64
	for _, p := range f.c.Persons {
		if f.scope.Sees(p.ID) {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

// guardFamily loads the actor's family and audits the decision on what
// they ask for; a refusal keeps only its audit entry.
func guardFamily(tx *storage.Tx, actor *schakel.Actor, event, resource string, d func(f family) access.Decision, persons func(f family) []int64) (family, error) {
	f, err := loadFamily(tx, actor)
	if err != nil {
		return f, err
	}
	dec := d(f)
	tx.AuditDecision(actor, dec, audit.Entry{Event: event, ResourceType: resource, ResourceID: itoa(f.c.ID), Persons: persons(f)})
	if !dec.Allowed {
		return f, tx.Refuse(dec)
	}
	return f, nil
}

// FamilyHome is the family member's own page.
type FamilyHome struct {
	Me       schakel.FamilyMember
	Viewer   access.FamilyPerson
	View     familyview.View
	Consent  bool // the viewer (16+) lets their parents see their part
	Requests []storage.FamilyRequest
}

// FamilyView loads what the family member sees, in one audited read; the
// planned conversations' times are told in lang, the member's language.
func (a *App) FamilyView(ctx context.Context, actor *schakel.Actor, lang *familytext.Lang) (FamilyHome, error) {
	var h FamilyHome
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		f, err := guardFamily(tx, actor, audit.EventRead, "family_view", func(f family) access.Decision { return f.scope.View },
			func(f family) []int64 { return f.seen() })
		if err != nil {
			return err
		}
		marks, err := tx.FamilyCopyMarks(f.c.ID)
		if err != nil {
			return err
		}
		var ws []familyview.Withholding
		for _, w := range f.withholdings {
			ws = append(ws, familyview.Withholding{PersonID: w.PersonID, ActionID: w.ActionID})
		}
		h.Me, h.Viewer, h.Consent = f.acc.Member(), f.scope.Viewer, f.consent[f.acc.PersonID]
		h.View = familyview.Build(familyview.Facts{Case: f.c, Workspace: f.w, Marks: marks, Withholdings: ws, Scope: f.scope}, lang, tx.Now(), workdays.Location())
		h.Requests, err = tx.FamilyRequestsOf(f.acc.PersonID)
		return err
	})
	return h, err
}

// FamilyAccessLine is one access to a person's data, as the family sees it:
// the organisation and role, never a colleague's name; a shelter's name
// only to those who stay there.
type FamilyAccessLine struct {
	Entry        audit.Entry
	Organisation string // empty: not named (a shelter, or Schakel itself)
	Shielded     bool   // the organisation is not named for someone's safety
	ByFamily     bool   // a family member did it
	BySelf       bool   // the viewer did it
}

// FamilyAccessLog is one page of "wie heeft mijn dossier bekeken".
type FamilyAccessLog struct {
	Person schakel.PersonRef
	Lines  []FamilyAccessLine
	Next   int64
}

// FamilyAccessPageSize is the number of lines on one page.
const FamilyAccessPageSize = 50

// FamilyAccesses returns one page of every access to a person's data, for
// a family member who may see that person's part. Complete: nothing is
// left out, only a shelter's name is not said to whom does not stay there.
func (a *App) FamilyAccesses(ctx context.Context, actor *schakel.Actor, personID, before int64) (FamilyAccessLog, error) {
	var out FamilyAccessLog
	if before < 0 {
		return out, fieldErr(schakel.EINVALID, "voor", "range", "Deze pagina bestaat niet.")
	}
	orgs, err := a.db.Organisations(ctx)
	if err != nil {
		return out, err
	}
	err = a.db.Update(ctx, func(tx *storage.Tx) error {
		f, err := guardFamily(tx, actor, audit.EventRead, "person_accesses", func(f family) access.Decision {
			if !f.scope.View.Allowed {
				return f.scope.View
			}
			if d, ok := f.scope.Parts[personID]; ok {
				return d
			}
			return access.Decision{Basis: audit.BasisNone, Key: "err.not_in_family", Reason: "Deze persoon hoort niet bij uw gezin."}
		}, func(family) []int64 { return []int64{personID} })
		if err != nil {
			return err
		}
		for _, p := range f.c.Persons {
			if p.ID == personID {
				out.Person = schakel.PersonRef{ID: p.ID, Name: p.GivenNames + " " + p.FamilyName, Kind: p.Kind}
			}
		}
		page, err := tx.PersonAccessEntries(personID, before, FamilyAccessPageSize)
		if err != nil {
			return err
		}
		out.Next = page.Next
		for _, e := range page.Entries {
			out.Lines = append(out.Lines, familyAccessLine(f, e, orgs))
		}
		return nil
	})
	return out, err
}

func familyAccessLine(f family, e audit.Entry, orgs []schakel.Organisation) FamilyAccessLine {
	l := FamilyAccessLine{Entry: e, ByFamily: e.PrincipalKind == string(schakel.PrincipalFamilyMember)}
	l.BySelf = l.ByFamily && e.PrincipalID == f.acc.ID
	for _, o := range orgs {
		if o.ID != e.OrganisationID || e.OrganisationID == 0 {
			continue
		}
		if access.ItemShown(f.scope, access.FamilyItem{ByShelter: o.Kind == schakel.BlijfGroep}) {
			l.Organisation = o.Name
		} else {
			l.Shielded = true
		}
	}
	return l
}

// RefuseFamilySurface audits and refuses an actor that is not a family
// member on the family's screens (a professional's session).
func (a *App) RefuseFamilySurface(ctx context.Context, actor *schakel.Actor, path string) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.DecideFamilySurface(actor.Kind())
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "family_view", Detail: "family screen " + path})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		return nil
	})
}

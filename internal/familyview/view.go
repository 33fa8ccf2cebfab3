// Package familyview builds the family's own view of their case for one
// family member: what internal/access lets them see, told in plain words
// (B1) from the family texts only, in the member's language
// (internal/familytext, lang.go). Pure functions: no HTTP, no SQL.
package familyview

import (
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/familycopy"
	"schakel/internal/familytext"
	"schakel/internal/plan"
)

// Facts is everything the view is built from, loaded by the use case.
type Facts struct {
	Case         schakel.Case
	Workspace    schakel.Workspace
	Marks        []familycopy.Mark
	Withholdings []Withholding
	Scope        access.FamilyScope
}

// Withholding is a professional's decision to withhold one agreement
// (ActionID) or the whole view (ActionID 0) from one family member.
type Withholding struct {
	PersonID int64
	ActionID int64
}

// ContactLine is an organisation that helps the family, and whom to reach there.
type ContactLine struct {
	Organisation string `json:"organisation"`
	Does         string `json:"does"`
	Name         string `json:"name,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Email        string `json:"email,omitempty"`
	Main         bool   `json:"main"` // the contact person of the organisation with regie
	Role         string `json:"role"` // the organisation's role on the case: what Does says in words
}

// DecisionLine is a decision that concerns the family, in plain words.
// When and What are in the viewer's language; Date and Kind say the same
// as data.
type DecisionLine struct {
	When string `json:"when"`
	What string `json:"what"`
	Date string `json:"date"` // YYYY-MM-DD
	Kind string `json:"kind"` // the Raad decision's kind
}

// View is what one family member sees, its fixed texts in the member's
// language: the lines' When and For and the steps' When and What (but an
// agreement's own words) are told again from the catalogue (lang.go).
type View struct {
	Contacts  []ContactLine       `json:"contacts"`
	Safety    []plan.FamilyLine   `json:"safety_agreements"`
	Actions   []plan.FamilyLine   `json:"actions"`
	Goals     []plan.FamilyLine   `json:"goals"`
	Next      []plan.FamilyStep   `json:"next_steps"`
	Decisions []DecisionLine      `json:"decisions"`
	Meetings  []MeetingLine       `json:"meetings"` // planned conversations the viewer is invited to
	Parts     []schakel.PersonRef `json:"parts"`    // whose access log the viewer may read
	LeftOut   int                 `json:"-"`        // agreements not shown to this viewer; never shown to them
}

// Item describes an action by what the access rules care about.
func Item(a schakel.Action, marks []familycopy.Mark, withholdings []Withholding) access.FamilyItem {
	it := access.FamilyItem{ForChildren: a.For != nil && *a.For == schakel.ForChild, ByShelter: a.Owner.Kind == schakel.BlijfGroep}
	for _, m := range marks {
		if m.ActionID != a.ID {
			continue
		}
		if m.Kind == familycopy.MarkWithhold {
			it.WithholdFrom = append(it.WithholdFrom, m.Person.ID)
		} else {
			it.WhereaboutsOf = append(it.WhereaboutsOf, m.Person.ID)
		}
	}
	for _, w := range withholdings {
		if w.ActionID == a.ID {
			it.WithheldFrom = append(it.WithheldFrom, w.PersonID)
		}
	}
	return it
}

// Build makes the view. The caller has checked that the view itself is
// allowed (f.Scope.View); Build still shows nothing when it is not. Every
// fixed text is told in lang (nil: Dutch).
func Build(f Facts, lang *familytext.Lang, now time.Time, loc *time.Location) View {
	if lang == nil {
		lang = familytext.Get(familytext.Dutch)
	}
	v := View{Contacts: []ContactLine{}, Safety: []plan.FamilyLine{}, Actions: []plan.FamilyLine{}, Goals: []plan.FamilyLine{},
		Next: []plan.FamilyStep{}, Decisions: []DecisionLine{}, Parts: []schakel.PersonRef{}, Meetings: []MeetingLine{}}
	if !f.Scope.View.Allowed {
		return v
	}
	c, w := f.Case, f.Workspace
	// A shelter organisation is named only to those who stay there.
	hideShelter := f.Scope.Shelter && !f.Scope.Viewer.InShelter
	c.Participations = slices.DeleteFunc(slices.Clone(c.Participations), func(p schakel.ParticipationView) bool {
		return p.Status != "active" || (hideShelter && p.Organisation.Kind == schakel.BlijfGroep)
	})
	w.Plan.Actions = nil
	for _, a := range f.Workspace.Plan.Actions {
		if !access.ItemShown(f.Scope, Item(a, f.Marks, f.Withholdings)) || strings.TrimSpace(a.FamilyText) == "" {
			v.LeftOut++
			continue
		}
		a.Title = a.FamilyText
		w.Plan.Actions = append(w.Plan.Actions, a)
	}
	w.Decisions = nil // told below, each on its own line
	s := plan.FamilySummaryOf(c, w, now, loc)
	v.Safety, v.Actions, v.Goals, v.Next = tellLines(lang, s.Safety), tellLines(lang, s.Actions), tellLines(lang, s.Goals), tellSteps(lang, s.Next)
	for _, p := range c.Participations {
		line := ContactLine{Organisation: p.Organisation.Name, Main: p.Role == schakel.RoleRegie, Role: string(p.Role), Does: roleText(lang, p.Role)}
		if p.Contact != nil {
			line.Name, line.Phone, line.Email = p.Contact.Name, p.Contact.Phone, p.Contact.Email
		}
		v.Contacts = append(v.Contacts, line)
	}
	slices.SortStableFunc(v.Contacts, func(a, b ContactLine) int {
		if a.Main == b.Main {
			return 0
		} else if a.Main {
			return -1
		}
		return 1
	})
	v.Meetings = Meetings(f.Workspace.FamilyMeetings, f.Scope, lang, loc)
	for _, d := range f.Workspace.Decisions {
		v.Decisions = append(v.Decisions, DecisionLine{When: lang.Date(d.CreatedAt, loc), What: decisionText(lang, d.Kind),
			Date: plan.DateOf(d.CreatedAt, loc).String(), Kind: plan.FamilyDecisionKind(d.Kind)})
	}
	for _, p := range c.Persons {
		if f.Scope.Sees(p.ID) {
			v.Parts = append(v.Parts, schakel.PersonRef{ID: p.ID, Name: strings.TrimSpace(p.GivenNames + " " + p.FamilyName), Kind: p.Kind})
		}
	}
	return v
}

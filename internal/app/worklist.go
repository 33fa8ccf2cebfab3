package app

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// WorkFilter narrows a work list.
type WorkFilter struct {
	Scope          string // mine, team (default), organisation
	Color          string
	OrganisationID int64 // only cases this organisation (also) takes part in
	Team           string
	// CrisisWithin is the time within which a red report is confirmed at
	// the crisis table; zero means the App's intake policy.
	CrisisWithin time.Duration
}

// Worklist returns what is the actor's and their team's to do, overdue
// first, then by due time.
func (a *App) Worklist(ctx context.Context, actor *schakel.Actor, f WorkFilter) ([]storage.WorkItem, error) {
	wl, err := a.WorklistWithOverflow(ctx, actor, f)
	return wl.Items, err
}

// WorklistWithOverflow is Worklist that also says how many norm alerts did
// not fit. Nothing of a case the actor may not read is shown; reading the
// families' names is audited with the persons shown.
func (a *App) WorklistWithOverflow(ctx context.Context, actor *schakel.Actor, f WorkFilter) (storage.WorkList, error) {
	var out storage.WorkList
	if actor == nil || actor.Professional == nil {
		return out, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers hebben een werklijst.")
	}
	me := actor.Professional
	scope, team := workScope(f, me)
	within := f.CrisisWithin
	if within <= 0 {
		within = a.intake.CrisisWithin
	}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		items, err := tx.WorkItems(me, scope, team)
		if err != nil {
			return err
		}
		// The chain monitor: norms about to pass, court orders ending.
		chainItems, notShown, err := chainWorkItems(tx, me, scope, team)
		if err != nil {
			return err
		}
		items = append(items, chainItems...)
		if items, err = a.narrowWork(tx, actor, f, items); err != nil {
			return err
		}
		if f.Color == "" && f.OrganisationID == 0 { // asks carry no colour, and are the actor's own
			asks, err := a.askWorkItems(tx, actor)
			if err != nil {
				return err
			}
			items = append(items, asks...)
		}
		persons, err := tx.FamilyNames(items)
		if err != nil {
			return err
		}
		setDue(items, within, tx.Now())
		workTitles(items)
		careReminders(items, tx.Now())
		sortWork(items)
		if len(persons) > 0 {
			tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "worklist", AccessBasis: audit.BasisParticipation,
				Persons: persons, Detail: fmt.Sprintf("%d items, scope %s", len(items), scope)})
		}
		out = storage.WorkList{Items: items, NormsNotShown: notShown}
		return nil
	})
	if out.Items == nil {
		out.Items = []storage.WorkItem{}
	}
	return out, err
}

// workScope is the filter's scope and team, with their defaults: the
// team, and the actor's own team.
func workScope(f WorkFilter, me *schakel.Professional) (scope, team string) {
	scope, team = f.Scope, f.Team
	if scope == "" {
		scope = "team"
	}
	if team == "" {
		team = me.Team
	}
	return scope, team
}

// narrowWork applies the filter's colour and organisation, then
// need-to-know.
func (a *App) narrowWork(tx *storage.Tx, actor *schakel.Actor, f WorkFilter, items []storage.WorkItem) ([]storage.WorkItem, error) {
	items = slices.DeleteFunc(items, func(it storage.WorkItem) bool { return f.Color != "" && it.Color != f.Color })
	if f.OrganisationID != 0 && len(items) > 0 {
		active, err := tx.CasesWithActive(f.OrganisationID, items)
		if err != nil {
			return nil, err
		}
		items = slices.DeleteFunc(items, func(it storage.WorkItem) bool { return !active[it.CaseID] })
	}
	readable, err := a.readableCases(tx, actor, caseIDsOf(items))
	if err != nil {
		return nil, err
	}
	return keepReadable(items, readable), nil
}

// keepReadable leaves out every item about a case the actor may not read
// (a privacy officer or administrator of an organisation on the case, an
// invitation that no longer holds), except notices and colleague requests
// addressed to the actor, which stay without the case's id, colour or
// family.
func keepReadable(items []storage.WorkItem, readable map[int64]bool) []storage.WorkItem {
	out := items[:0]
	for _, it := range items {
		if it.CaseID == 0 || readable[it.CaseID] {
			out = append(out, it)
			continue
		}
		if it.Kind == "notice" || it.Kind == "colleague_request" {
			it.CaseID, it.ConsultationID, it.Color, it.Family, it.PersonID = 0, 0, "", "", 0
			out = append(out, it)
		}
	}
	return out
}

// readableCases decides, for each case, whether the actor may read it:
// one query for the actor's organisation's participation, and the full
// case facts (invitations) only for cases it does not take part in. A work
// list is no emergency: an emergency reason does not open cases here.
func (a *App) readableCases(tx *storage.Tx, actor *schakel.Actor, caseIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	subject := access.SubjectOf(actor.Professional)
	probe := access.Decide(subject, access.Case, access.Read, access.Context{Participation: access.Participating})
	if len(caseIDs) == 0 || (!probe.Allowed && actor.EmergencyReason == "") {
		return out, nil // no role that reads case content
	}
	parts, err := tx.CaseParticipations(actor.Professional.Organisation.ID, caseIDs)
	if err != nil {
		return nil, err
	}
	var others []int64
	for id, p := range parts {
		if p.Participation == access.Participating {
			out[id] = access.Decide(subject, access.Case, access.Read, access.Context{CaseRegionID: p.RegionID, Participation: p.Participation}).Allowed
		} else {
			others = append(others, id)
		}
	}
	slices.Sort(others)
	for _, id := range others {
		facts, err := tx.CaseAccessFacts(actor.Professional, id)
		if err != nil {
			return nil, err
		}
		c := access.CaseContext(facts, "", tx.Now(), a.db.InvitationGrace)
		out[id] = access.Decide(subject, access.Case, access.Read, c).Allowed
	}
	return out, nil
}

// caseIDsOf returns the distinct cases the items are about, in order.
func caseIDsOf(items []storage.WorkItem) []int64 {
	var ids []int64
	for _, it := range items {
		if it.CaseID != 0 {
			ids = append(ids, it.CaseID)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// setDue gives a colour to confirm its due time (a day; red within the
// crisis time, at the crisis table) and every item the seconds left and
// whether it is overdue (a notice never is).
func setDue(items []storage.WorkItem, crisisWithin time.Duration, now time.Time) {
	for i := range items {
		it := &items[i]
		if it.Kind == "rate" && it.ReceivedAt != nil {
			due := it.ReceivedAt.Add(24 * time.Hour)
			if it.Color == "red" {
				due = it.ReceivedAt.Add(crisisWithin)
			}
			it.DueAt = &due
		}
		if it.DueAt != nil {
			it.SecondsLeft = int64(it.DueAt.Sub(now).Seconds())
			it.Overdue = it.DueAt.Before(now) && it.Kind != "notice"
		}
	}
}

// sortWork puts overdue items first, then red ones, then by due time.
func sortWork(items []storage.WorkItem) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		if (a.Color == "red") != (b.Color == "red") {
			return a.Color == "red"
		}
		return a.DueAt.Before(*b.DueAt)
	})
}

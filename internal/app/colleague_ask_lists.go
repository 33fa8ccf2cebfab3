package app

import (
	"context"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// ColleagueAsks is the actor's side of asking colleagues: what they asked
// (open, or ended in the last AskedKeep), and the open asks to them or to
// their team that they may take.
type ColleagueAsks struct {
	Asked []schakel.ColleagueAsk `json:"asked"`
	ForMe []schakel.ColleagueAsk `json:"for_me"`
}

// QuestionDue is when a quick question is due in the work list: it asks
// for a short written answer, not a meeting.
const QuestionDue = 24 * time.Hour

// AskedKeep is how long an asker still sees an ask that ended.
const AskedKeep = 14 * 24 * time.Hour

// MyColleagueAsks returns the actor's asks and those they may take; the
// case's number only where the actor may read the case. Audited when it
// shows anything.
func (a *App) MyColleagueAsks(ctx context.Context, actor *schakel.Actor) (ColleagueAsks, error) {
	out := ColleagueAsks{Asked: []schakel.ColleagueAsk{}, ForMe: []schakel.ColleagueAsk{}}
	if actor == nil || actor.Professional == nil {
		return out, schakel.Errorf(schakel.EFORBIDDEN, "Alleen professionals vragen een collega mee.")
	}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		var err error
		if out.Asked, err = tx.ColleagueAsksFrom(actor.Professional.ID, tx.Now().Add(-AskedKeep)); err != nil {
			return err
		}
		if out.ForMe, err = a.asksForMe(tx, actor); err != nil {
			return err
		}
		if n := len(out.Asked) + len(out.ForMe); n > 0 {
			tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "colleague_asks", ResourceID: fmt.Sprint(actor.Professional.ID),
				AccessBasis: audit.BasisSelf, Detail: fmt.Sprintf("own asks: %d asked, %d to take", len(out.Asked), len(out.ForMe))})
		}
		return nil
	})
	return out, err
}

// asksForMe lists the open asks the actor may take (access decides each:
// the colleague asked, or an eligible member of the team asked), with the
// case's number only where the actor may read the case.
func (a *App) asksForMe(tx *storage.Tx, actor *schakel.Actor) ([]schakel.ColleagueAsk, error) {
	me := actor.Professional
	team, err := tx.TeamOf(me.ID)
	if err != nil {
		return nil, err
	}
	asks, err := tx.OpenColleagueAsksFor(me.ID, team)
	if err != nil || len(asks) == 0 {
		return []schakel.ColleagueAsk{}, err
	}
	var ids []int64
	for _, ask := range asks {
		ids = append(ids, ask.CaseID)
	}
	cases, err := tx.CaseParticipations(me.Organisation.ID, ids)
	if err != nil {
		return nil, err
	}
	candidate, _, err := tx.CandidateRecord(me.ID)
	if err != nil {
		return nil, err
	}
	readable, err := a.readableCases(tx, actor, ids)
	if err != nil {
		return nil, err
	}
	out := []schakel.ColleagueAsk{}
	for _, ask := range asks {
		seat := access.AskSeat{OrganisationID: ask.OrganisationID, TeamID: ask.TeamID, From: ask.From.ID, ActorTeamID: team, Status: ask.Status,
			Eligible: access.Eligible(candidate, cases[ask.CaseID].RegionID)}
		if ask.To != nil {
			seat.To = ask.To.ID
		}
		if access.DecideColleagueAsk(access.SubjectFor(actor), access.AskTake, seat).Allowed {
			out = append(out, hideCase(ask, readable))
		}
	}
	return out, nil
}

// askWorkItems are the open asks the actor may take, as work list lines:
// personal, in every scope, with the case only where the actor may read
// it.
func (a *App) askWorkItems(tx *storage.Tx, actor *schakel.Actor) ([]storage.WorkItem, error) {
	asks, err := a.asksForMe(tx, actor)
	if err != nil {
		return nil, err
	}
	var out []storage.WorkItem
	for _, ask := range asks {
		it := storage.WorkItem{Kind: "colleague_ask", CaseID: ask.CaseID, AskID: ask.ID, Owner: actor.Professional.Name,
			OrganisationID: actor.Professional.Organisation.ID, Title: askTitle(ask)}
		// A join is due before the conversation; a quick question within
		// a day (the work list sorts every line by when it is due).
		due := ask.CreatedAt.Add(QuestionDue)
		if ask.At != nil {
			due = *ask.At
		}
		it.DueAt = &due
		out = append(out, it)
	}
	return out, nil
}

// askTitle is an ask's line in the work list.
func askTitle(ask schakel.ColleagueAsk) string {
	switch {
	case ask.Kind == schakel.AskJoin:
		return fmt.Sprintf("%s vraagt het team: wie kan mee? (%s)", ask.From.Name, schakel.PlaceKindDutch(ask.PlaceKind))
	case ask.TeamID != 0:
		return ask.From.Name + " vraagt het team om mee te denken"
	}
	return ask.From.Name + " vraagt u om mee te denken"
}

// CaseColleagueAsks lists the asks on a case for someone who may read it.
func (a *App) CaseColleagueAsks(ctx context.Context, actor *schakel.Actor, caseID int64) ([]schakel.ColleagueAsk, error) {
	var out []schakel.ColleagueAsk
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCase(tx, actor, caseID, access.Read, audit.EventRead, "colleague asks"); err != nil {
			return err
		}
		var err error
		out, err = tx.CaseColleagueAsks(caseID)
		return err
	})
	return out, err
}

// MyTeam names the team the actor is a member of (0 and "" for none): the
// team an ask goes to. The actor's own membership, not audited.
func (a *App) MyTeam(ctx context.Context, actor *schakel.Actor) (id int64, name string, err error) {
	if actor == nil || actor.Professional == nil {
		return 0, "", schakel.Errorf(schakel.EFORBIDDEN, "Alleen professionals zitten in een team.")
	}
	err = a.db.View(ctx, func(tx *storage.Tx) error {
		if id, err = tx.TeamOf(actor.Professional.ID); err != nil || id == 0 {
			return err
		}
		t, err := tx.TeamRecord(id)
		name = t.Name
		return err
	})
	return id, name, err
}

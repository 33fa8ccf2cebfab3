package app

// Asking the team along and quick questions (issue 14, item 5). A case
// worker asks their team who can join a conversation, or asks a short
// question of the team or of one colleague. Those asked are only people
// who may be asked along at all (access.Eligible, as for the existing
// colleague request); the ask opens the case to nobody
// (access.DecideColleagueAsk).

import (
	"context"
	"errors"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/askalong"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// AskColleagues asks the actor's team (or, for a question, one colleague)
// on a case the actor may write on. Bad input, a team the actor is not in
// and a colleague who may not be asked along are refused at the field and
// audited; nothing else is kept.
func (a *App) AskColleagues(ctx context.Context, actor *schakel.Actor, caseID int64, in askalong.Input) (schakel.ColleagueAsk, error) {
	var out schakel.ColleagueAsk
	cmd := caseCommand{caseID: caseID, open: true, action: access.Write, event: audit.EventCreate, detail: "colleague ask"}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		me := actor.Professional
		ask, err := askalong.Validate(in, me.ID, tx.Now())
		if err != nil {
			return refuseAskInput(tx, actor, caseID, err)
		}
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		asked, err := a.askedPeople(tx, me, ask, orgs.Region())
		if err != nil {
			return refuseAskInput(tx, actor, caseID, err)
		}
		id, err := tx.InsertColleagueAsk(storage.ColleagueAskRecord{CaseID: caseID, OrganisationID: me.Organisation.ID, From: me.ID,
			TeamID: ask.TeamID, To: ask.To, Kind: ask.Kind, PlaceKind: ask.PlaceKind, Message: ask.Message, At: ask.At})
		if err != nil {
			return err
		}
		text := fmt.Sprintf("%s vraagt u mee te denken. Kijk in Mijn werk.", me.Name)
		if ask.TeamID != 0 {
			text = fmt.Sprintf("%s vraagt uw team om mee te denken. Kijk in Mijn werk.", me.Name)
		}
		if ask.Kind == schakel.AskJoin {
			text = fmt.Sprintf("%s vraagt uw team: wie kan mee naar een gesprek op %s (%s)? Kijk in Mijn werk.", me.Name,
				ask.At.In(workdays.Location()).Format("02-01-2006 15:04"), schakel.PlaceKindDutch(ask.PlaceKind))
		}
		for _, p := range asked {
			if err := notice(tx, p, "colleague_ask", 0, 0, text); err != nil {
				return err
			}
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "colleague_ask", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisParticipation,
			Detail: fmt.Sprintf("case %d, %s to %d people", caseID, ask.Kind, len(asked))})
		out, err = tx.ColleagueAsk(id)
		return err
	})
	return out, err
}

// askedPeople returns who an ask reaches: the colleague asked, or every
// member of the actor's own team but the actor who may be asked along on
// a case of the region. A team the actor is not in, or one where nobody
// else may be asked, is refused at the field.
func (a *App) askedPeople(tx *storage.Tx, me *schakel.Professional, ask askalong.Ask, region int64) ([]int64, error) {
	var v schakel.Validation
	if ask.To != 0 {
		colleague, found, err := tx.CandidateRecord(ask.To)
		if err != nil {
			return nil, err
		}
		if d := access.Eligible(colleague, region); !found || !d.Allowed {
			reason := "Deze collega bestaat niet."
			if found {
				reason = d.Reason
			}
			v.Add("to_professional_id", "not_eligible", reason)
			return nil, v.Err()
		}
		return []int64{ask.To}, nil
	}
	team, err := tx.TeamOf(me.ID)
	if err != nil {
		return nil, err
	}
	if team == 0 || team != ask.TeamID {
		v.Add("team_id", "not_member", "U zit niet in dit team. U kunt alleen uw eigen team vragen.")
		return nil, v.Err()
	}
	members, err := tx.TeamMemberIDs(team)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, m := range members {
		c, found, err := tx.CandidateRecord(m)
		if err != nil {
			return nil, err
		}
		if m != me.ID && found && c.OrganisationID == me.Organisation.ID && access.Eligible(c, region).Allowed {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		v.Add("team_id", "nobody", "Er is niemand anders in uw team die u mee kunt vragen.")
		return nil, v.Err()
	}
	return out, nil
}

// refuseAskInput refuses bad input on an ask: the attempt is audited with
// the fields that were wrong, nothing else is kept, the caller gets them.
func refuseAskInput(tx *storage.Tx, actor *schakel.Actor, id int64, err error) error {
	var e *schakel.Error
	if !errors.As(err, &e) || e.Code != schakel.EINVALID {
		return err
	}
	detail := "refused: bad input"
	for _, f := range e.Fields {
		detail += " " + f.Field + ":" + f.Code
	}
	d := access.Decision{Basis: audit.BasisNone, Reason: "bad input"}
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "colleague_ask", ResourceID: fmt.Sprint(id), Detail: detail})
	return tx.RefuseWith(d, err)
}

package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/askalong"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// onAsk runs an act on an ask in one transaction: the ask is loaded,
// access.DecideColleagueAsk decides and the decision is audited, then fn
// does the act. An ask the actor has nothing to do with (another
// organisation's team, a question to someone else) is not found; any
// refusal leaves only its audit entry.
func (a *App) onAsk(ctx context.Context, actor *schakel.Actor, id int64, act access.AskAct, event string,
	fn func(tx *storage.Tx, ask schakel.ColleagueAsk) error) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		if actor == nil || actor.Professional == nil {
			d := access.DecideColleagueAsk(access.SubjectFor(actor), act, access.AskSeat{})
			tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: "colleague_ask", ResourceID: fmt.Sprint(id), Detail: string(act)})
			return tx.Refuse(d)
		}
		ask, err := tx.ColleagueAsk(id)
		if schakel.ErrorCode(err) == schakel.ENOTFOUND || (err == nil && !involved(ask, actor.Professional)) {
			return tx.RefuseNotFound(actor, event, "colleague_ask", id, "Vraag")
		}
		if err != nil {
			return err
		}
		seat, err := askSeat(tx, actor, ask)
		if err != nil {
			return err
		}
		d := access.DecideColleagueAsk(access.SubjectFor(actor), act, seat)
		entry := audit.Entry{Event: event, ResourceType: "colleague_ask", ResourceID: fmt.Sprint(id), Detail: fmt.Sprintf("%s (%s, case %d)", act, ask.Kind, ask.CaseID)}
		if act == access.AskRead && d.Allowed && actor.Professional.ID != ask.From.ID {
			// What the asker wrote is about the family: who read it shows
			// in "who looked at my file".
			if entry.Persons, err = tx.CasePersonIDs(ask.CaseID); err != nil {
				return err
			}
		}
		tx.AuditDecision(actor, d, entry)
		if !d.Allowed {
			return tx.RefuseWith(d, askRefusal(act, ask.Status, d))
		}
		return fn(tx, ask)
	})
}

// involved reports whether an ask is addressed to me, asked by me, or
// asked of a team of my organisation (where access decides further).
func involved(ask schakel.ColleagueAsk, me *schakel.Professional) bool {
	return ask.From.ID == me.ID || (ask.To != nil && ask.To.ID == me.ID) || (ask.TeamID != 0 && ask.OrganisationID == me.Organisation.ID)
}

// askSeat is the actor's place near an ask: their team, and whether they
// may be asked along on a case of its region at all.
func askSeat(tx *storage.Tx, actor *schakel.Actor, ask schakel.ColleagueAsk) (access.AskSeat, error) {
	seat := access.AskSeat{OrganisationID: ask.OrganisationID, TeamID: ask.TeamID, From: ask.From.ID, Status: ask.Status}
	if ask.To != nil {
		seat.To = ask.To.ID
	}
	team, err := tx.TeamOf(actor.Professional.ID)
	if err != nil {
		return seat, err
	}
	seat.ActorTeamID = team
	orgs, err := tx.CaseOrganisations(ask.CaseID)
	if err != nil {
		return seat, err
	}
	me, _, err := tx.CandidateRecord(actor.Professional.ID)
	seat.Eligible = access.Eligible(me, orgs.Region())
	return seat, err
}

// askRefusal is the answer to a refused act: a conflict with a stable
// code when the ask was taken or withdrawn meanwhile, else forbidden.
func askRefusal(act access.AskAct, status string, d access.Decision) error {
	if act == access.AskRead {
		return &schakel.Error{Code: schakel.EFORBIDDEN, Message: d.Reason}
	}
	code := ""
	switch {
	case d.Reason == access.TakenReason:
		code = "already_taken"
	case act == access.AskTake && status == schakel.AskWithdrawn:
		code = "withdrawn"
	case act == access.AskWithdraw && status != schakel.AskOpen:
		code = "not_open"
	default:
		return &schakel.Error{Code: schakel.EFORBIDDEN, Message: d.Reason}
	}
	return &schakel.Error{Code: schakel.ECONFLICT, Message: d.Reason, Fields: []schakel.FieldError{{Field: "status", Code: code, Message: d.Reason}}}
}

// ColleagueAsk shows an ask to its asker and to those it is addressed
// to. The case's number stays hidden from a colleague who may not read
// the case: they see what the asker wrote, nothing more.
func (a *App) ColleagueAsk(ctx context.Context, actor *schakel.Actor, id int64) (schakel.ColleagueAsk, error) {
	var out schakel.ColleagueAsk
	err := a.onAsk(ctx, actor, id, access.AskRead, audit.EventRead, func(tx *storage.Tx, ask schakel.ColleagueAsk) error {
		readable, err := a.readableCases(tx, actor, []int64{ask.CaseID})
		out = hideCase(ask, readable)
		return err
	})
	return out, err
}

// hideCase leaves the case's number out for a viewer who may not read it.
func hideCase(ask schakel.ColleagueAsk, readable map[int64]bool) schakel.ColleagueAsk {
	if !readable[ask.CaseID] {
		ask.CaseID = 0
	}
	return ask
}

// TakeColleagueAsk accepts a join (with an optional note) or answers a
// question (in writing), as the colleague asked or the first member of
// the team asked. A second taker gets a conflict (already_taken) and
// leaves nothing but its audit entry. Taking grants nothing of the case.
func (a *App) TakeColleagueAsk(ctx context.Context, actor *schakel.Actor, id int64, kind, answer string) (schakel.ColleagueAsk, error) {
	var out schakel.ColleagueAsk
	err := a.onAsk(ctx, actor, id, access.AskTake, audit.EventUpdate, func(tx *storage.Tx, ask schakel.ColleagueAsk) error {
		text, status, err := takeInput(ask, kind, answer)
		if err != nil {
			return refuseAskInput(tx, actor, id, err)
		}
		taken, err := tx.TakeColleagueAsk(id, actor.Professional.ID, status, text)
		if err != nil {
			return err
		}
		if !taken { // another colleague was first, between our read and our write
			d := access.Decision{Basis: audit.BasisNone, Reason: access.TakenReason}
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "colleague_ask", ResourceID: fmt.Sprint(id), Detail: "take: lost the race"})
			return tx.RefuseWith(d, askRefusal(access.AskTake, schakel.AskAccepted, d))
		}
		tell := fmt.Sprintf("%s gaat mee naar uw gesprek op casus %d.", actor.Professional.Name, ask.CaseID)
		if ask.Kind == schakel.AskQuestion {
			tell = fmt.Sprintf("%s heeft uw vraag op casus %d beantwoord. U leest het antwoord bij de casus en in Mijn werk.", actor.Professional.Name, ask.CaseID)
		}
		if err := notice(tx, ask.From.ID, "colleague_ask", ask.CaseID, 0, tell); err != nil {
			return err
		}
		if out, err = tx.ColleagueAsk(id); err != nil {
			return err
		}
		readable, err := a.readableCases(tx, actor, []int64{ask.CaseID})
		out = hideCase(out, readable)
		return err
	})
	return out, err
}

// takeInput checks a take: accept goes with a join, answer with a
// question; a question needs a written answer, a join's note is optional.
func takeInput(ask schakel.ColleagueAsk, kind, answer string) (text, status string, err error) {
	var v schakel.Validation
	switch {
	case ask.Kind == schakel.AskJoin && kind != schakel.AskJoin:
		v.Add("kind", "wrong_kind", "Deze vraag is om mee te gaan: neem hem aan.")
	case ask.Kind == schakel.AskQuestion && kind != schakel.AskQuestion:
		v.Add("kind", "wrong_kind", "Dit is een vraag: beantwoord hem.")
	case ask.Kind == schakel.AskQuestion:
		text, err = askalong.ValidateAnswer(answer)
		return text, schakel.AskAnswered, err
	default:
		text = answer
		textlimit.Check(&v, "answer", text, textlimit.Text)
	}
	return strings.TrimSpace(text), schakel.AskAccepted, v.Err()
}

// WithdrawColleagueAsk lets the asker take back an open ask.
func (a *App) WithdrawColleagueAsk(ctx context.Context, actor *schakel.Actor, id int64) (schakel.ColleagueAsk, error) {
	var out schakel.ColleagueAsk
	err := a.onAsk(ctx, actor, id, access.AskWithdraw, audit.EventUpdate, func(tx *storage.Tx, ask schakel.ColleagueAsk) error {
		ok, err := tx.WithdrawColleagueAsk(id, actor.Professional.ID)
		if err != nil {
			return err
		}
		if !ok { // taken between our read and our write
			d := access.Decision{Basis: audit.BasisNone, Reason: "Deze vraag is al opgepakt, beantwoord of ingetrokken."}
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "colleague_ask", ResourceID: fmt.Sprint(id), Detail: "withdraw: no longer open"})
			return tx.RefuseWith(d, askRefusal(access.AskWithdraw, schakel.AskAccepted, d))
		}
		out, err = tx.ColleagueAsk(id)
		return err
	})
	return out, err
}

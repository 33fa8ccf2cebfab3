package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// DecideMatch confirms or rejects a proposed family match. Only someone
// access.DecideMatch allows decides: a professional of an organisation on
// the known family's open case, or Veilig Thuis intake, never the person
// whose report proposed it. Confirming moves the report's case into the
// known family's case and folds their crisis tables into one; the
// reporter's organisation does not join (an organisation on the case adds
// it, with a reason, when it should). It returns the match and the case
// the report is on afterwards.
func (a *App) DecideMatch(ctx context.Context, actor *schakel.Actor, matchID int64, confirm bool) (schakel.Match, int64, error) {
	var m schakel.Match
	var target int64
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if actor.Professional == nil {
			d := access.Decision{Allowed: false, Basis: audit.BasisNone, Reason: "only professionals decide on matches"}
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "family_match", ResourceID: fmt.Sprint(matchID)})
			return tx.Refuse(d)
		}
		f, err := tx.MatchOf(actor.Professional.Organisation.ID, matchID)
		if err != nil {
			return err
		}
		d := access.DecideMatch(access.SubjectFor(actor), f.MatchFacts)
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "family_match", ResourceID: fmt.Sprint(matchID),
			Persons: []int64{f.PersonID, f.KnownPersonID}, Detail: fmt.Sprintf("match %d confirm=%v", matchID, confirm)})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		if f.Status != "proposed" {
			return schakel.Errorf(schakel.ECONFLICT, "Over deze match is al besloten.")
		}
		if target, err = a.applyMatch(tx, actor, f, confirm); err != nil {
			return err
		}
		if err := tellProposer(tx, actor, f, confirm); err != nil {
			return err
		}
		m, err = tx.Match(matchID)
		return err
	})
	return m, target, err
}

// applyMatch records the decision; confirming makes the report's case the
// known family's (when that family has no open case) or merges it into
// the family's open case.
func (a *App) applyMatch(tx *storage.Tx, actor *schakel.Actor, f storage.MatchState, confirm bool) (int64, error) {
	status, target := "rejected", f.ReportCase
	if confirm {
		status = "confirmed"
		switch {
		case f.KnownCase == 0:
			if err := tx.MoveToFamily(f.ReportCase, f.KnownFamily); err != nil {
				return 0, err
			}
		case f.KnownCase != f.ReportCase:
			target = f.KnownCase
			if err := tx.MergeCase(f.ReportCase, target, f.KnownFamily); err != nil {
				return 0, err
			}
			if err := foldCrisisTables(tx, actor, target); err != nil {
				return 0, err
			}
		}
	}
	return target, tx.DecideMatchRecord(f.MatchID, status, actor.Professional.ID)
}

// tellProposer tells the professional whose report proposed the match
// what was decided, unless they decided it themselves.
func tellProposer(tx *storage.Tx, actor *schakel.Actor, f storage.MatchState, confirm bool) error {
	if f.ProposedBy == actor.Professional.ID {
		return nil
	}
	word := "afgewezen: het gaat om een ander gezin"
	if confirm {
		word = "bevestigd: de melding hoort bij een gezin dat al bekend is. Bel de organisaties die het gezin kennen voor overleg"
	}
	return notice(tx, f.ProposedBy, "match_decided", 0, 0, fmt.Sprintf("Een mogelijke match bij uw melding %d is %s.", f.ReportID, word))
}

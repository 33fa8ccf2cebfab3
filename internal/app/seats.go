package app

import (
	"slices"
	"time"

	"schakel"
	"schakel/internal/attendees"
	"schakel/internal/storage"
)

// Seats at a consultation: whoever leaves a table (declines, or whose
// organisation exits the case) or a need a new report adds may leave a
// seat empty. Every path that fills or reports an empty seat goes through
// these helpers, so that "which seats are empty", "who may fill them" and
// "what goes on the missing list" are decided once.

// seatedCovers returns the covers of everyone still at a consultation (not
// declined), except those for whom leaving is true, and the covers of
// those leaving.
func seatedCovers(c *schakel.Consultation, leaving func(schakel.Participant) bool) (left []string, remaining [][]string) {
	for _, p := range c.Participants {
		switch {
		case p.DeclinedAt != nil:
		case leaving != nil && leaving(p):
			left = append(left, p.Covers...)
		default:
			remaining = append(remaining, p.Covers)
		}
	}
	return left, remaining
}

// emptySeats returns, in the order of needs (in code form), the needs that
// nobody still at the consultation covers once those leaving are gone.
func emptySeats(c *schakel.Consultation, needs []string, leaving func(schakel.Participant) bool) []attendees.Need {
	_, remaining := seatedCovers(c, leaving)
	var open []attendees.Need
	for _, s := range attendees.Uncovered(needs, remaining) {
		if n, ok := attendees.ParseNeed(s); ok {
			open = append(open, n)
		}
	}
	return open
}

// fillSeats invites, for the open needs of a consultation, the people
// available at its time (on duty first) who are not invited yet, and puts
// what nobody can fill on its missing list. It returns the selection.
func fillSeats(tx *storage.Tx, c *schakel.Consultation, open []attendees.Need) (attendees.Result, error) {
	if len(open) == 0 {
		return attendees.Result{}, nil
	}
	pool, err := candidatePool(tx, c.CaseID, c.ScheduledAt.Add(-time.Hour), c.ScheduledAt.Add(time.Hour))
	if err != nil {
		return attendees.Result{}, err
	}
	free := slices.DeleteFunc(pool.At(c.ScheduledAt), func(k attendees.Candidate) bool {
		return slices.ContainsFunc(c.Participants, func(p schakel.Participant) bool { return p.Professional.ID == k.ID })
	})
	sel := attendees.Select(open, free)
	if err := invite(tx, c.CaseID, c.ID, c.ScheduledAt, c.DueAt, sel.Chosen, !c.OnHold()); err != nil {
		return sel, err
	}
	missing := make([]string, len(sel.Missing))
	for i, n := range sel.Missing {
		missing[i] = n.String()
	}
	return sel, markMissing(tx, c, missing)
}

// markMissing adds needs (in code form) to a consultation's missing list,
// each once, and stores the list when anything is added.
func markMissing(tx *storage.Tx, c *schakel.Consultation, needs []string) error {
	before := len(c.Missing)
	for _, n := range needs {
		if !slices.Contains(c.Missing, n) {
			c.Missing = append(c.Missing, n)
		}
	}
	if len(c.Missing) == before {
		return nil
	}
	return tx.SetMissing(c.ID, c.Missing)
}

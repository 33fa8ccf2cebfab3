package intervention

import "time"

// Membership in the compared period (issue 14, item 6): a case belongs
// to a cohort of teams or workers only for the time one of its holders
// was a member while holding it. A worker who joined the cohort's team
// after the period, or left it before, does not bring their cases into
// that period, and neither does a case they held only outside it.

// Spell is a stretch of time from From to To, both included; a zero To
// is still going, a zero From has no known start.
type Spell struct{ From, To time.Time }

// Holding is a worker holding a case (a case-holder assignment).
type Holding struct {
	Case, Worker int64
	Held         Spell
}

// overlap reports whether the spells share a moment.
func (s Spell) overlap(o Spell) bool {
	if !s.To.IsZero() && !o.From.IsZero() && s.To.Before(o.From) {
		return false
	}
	if !o.To.IsZero() && !s.From.IsZero() && o.To.Before(s.From) {
		return false
	}
	return true
}

// intersect is the shared part of two overlapping spells.
func (s Spell) intersect(o Spell) Spell {
	out := s
	if out.From.IsZero() || o.From.After(out.From) {
		out.From = o.From
	}
	if out.To.IsZero() || (!o.To.IsZero() && o.To.Before(out.To)) {
		out.To = o.To
	}
	return out
}

// HeldInCohort reports whether a case held in held by a worker who was a
// member of the cohort in member counts for the period: all three share
// a moment.
func HeldInCohort(held, member, period Spell) bool {
	if !held.overlap(member) {
		return false
	}
	return held.intersect(member).overlap(period)
}

// CohortCases are the cases that holdings bring into the cohort for the
// period, given each worker's spells of membership (directly or through
// one of the cohort's teams).
func CohortCases(holdings []Holding, members map[int64][]Spell, period Spell) map[int64]bool {
	in := map[int64]bool{}
	for _, h := range holdings {
		if in[h.Case] {
			continue
		}
		for _, m := range members[h.Worker] {
			if HeldInCohort(h.Held, m, period) {
				in[h.Case] = true
				break
			}
		}
	}
	return in
}

package prevention

import (
	"time"
)

// CheckFact is one follow-up check as the region's figures see it.
type CheckFact struct {
	Months          int
	StayedHome      bool
	AlternativeHeld bool
	PlacedAfterAll  bool
	NewReports      int // reports on the family since the review
}

// Outcome groups of a check cohort.
const (
	GroupPrevented = "prevented" // no placement, or a placement in the network
	GroupPlaced    = "placed"
)

// CheckCohort is what the check after Months found for the reviews of one
// quarter with outcomes of one group (issue 16, item 6): of the reviews
// held, how many checks were due and recorded, whether the child stayed
// home, the alternative held, the child was placed after all, and how many
// checks counted a new report. Counts under chain.MinShown are suppressed
// (nil), as on every dashboard.
type CheckCohort struct {
	Months          int    `json:"months"`
	Group           string `json:"group"`
	Held            *int   `json:"held"`    // reviews held with an outcome of this group
	Due             *int   `json:"due"`     // of which the check date has passed
	Checked         *int   `json:"checked"` // of which the check is recorded
	StayedHome      *int   `json:"stayed_home"`
	AlternativeHeld *int   `json:"alternative_held"`
	PlacedAfterAll  *int   `json:"placed_after_all"`
	WithNewReports  *int   `json:"with_new_reports"`
}

// checkCohorts returns a quarter's cohorts: for each check (3, then 6
// months) the prevented group, then the placed group.
func checkCohorts(fs []ReviewFact, now time.Time) []CheckCohort {
	out := []CheckCohort{}
	for _, months := range CheckMonths {
		for _, group := range []string{GroupPrevented, GroupPlaced} {
			out = append(out, checkCohort(fs, months, group, now))
		}
	}
	return out
}

func checkCohort(fs []ReviewFact, months int, group string, now time.Time) CheckCohort {
	var held, due, checked, home, alt, after, reports int
	for _, f := range fs {
		if f.HeldAt == nil || groupOf(f.Outcome) != group {
			continue
		}
		held++
		if !now.Before(CheckDue(*f.HeldAt, months)) {
			due++
		}
		for _, c := range f.Checks {
			if c.Months != months {
				continue
			}
			checked++
			home += b2i(c.StayedHome)
			alt += b2i(c.AlternativeHeld)
			after += b2i(c.PlacedAfterAll)
			reports += b2i(c.NewReports > 0)
		}
	}
	return CheckCohort{Months: months, Group: group, Held: shown(held), Due: shown(due), Checked: shown(checked),
		StayedHome: shown(home), AlternativeHeld: shown(alt), PlacedAfterAll: shown(after), WithNewReports: shown(reports)}
}

func groupOf(outcome string) string {
	if Prevented(outcome) {
		return GroupPrevented
	}
	return GroupPlaced
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Selection picks the reviews of a dashboard's cohorts: those whose
// placement was considered from From up to (not including) To, a zero
// bound being open, and, when OrganisationID is set, considered by a
// professional of that organisation.
type Selection struct {
	From, To       time.Time
	OrganisationID int64 // 0: every organisation
}

// Cohorts are the check cohorts of the selected reviews: the chain
// dashboard shows them for its period and organisation next to lead times
// and repeat reports (issue 16, item 6: per region and organisation).
func Cohorts(facts []ReviewFact, sel Selection, now time.Time) []CheckCohort {
	var in []ReviewFact
	for _, f := range facts {
		if (!sel.From.IsZero() && f.ConsideredAt.Before(sel.From)) || (!sel.To.IsZero() && !f.ConsideredAt.Before(sel.To)) {
			continue
		}
		if sel.OrganisationID != 0 && f.OrganisationID != sel.OrganisationID {
			continue
		}
		in = append(in, f)
	}
	return checkCohorts(in, now)
}

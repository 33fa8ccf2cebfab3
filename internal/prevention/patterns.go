package prevention

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/workdays"
)

// ReviewFact is one review as the region's figures see it: no family, no
// case, only when, by which organisation, the outcome and the causes.
type ReviewFact struct {
	ConsideredAt time.Time
	HeldAt       *time.Time
	Outcome      string
	Causes       []string
	Organisation string
	// OrganisationID is the organisation of the professional who
	// considered the placement, for a dashboard filtered by organisation.
	OrganisationID int64
	Checks         []CheckFact // the follow-up checks recorded
}

// QuarterPatterns are one quarter's reviews in a region (issue 16, items 5
// and 6): how many placements were considered and reviewed, how many were
// prevented, how long reviews took, and which root causes recur. A count
// under chain.MinShown is suppressed (shown as nil), as on every dashboard.
type QuarterPatterns struct {
	Quarter        string       `json:"quarter"` // 2026-K4
	Considered     *int         `json:"considered"`
	Held           *int         `json:"held"`
	Prevented      *int         `json:"prevented"` // no placement, or a placement in the network
	OnTime         *int         `json:"on_time"`   // held within five working days
	MedianDays     *int         `json:"median_working_days"`
	Causes         []CauseCount `json:"causes"`
	ByOrganisation []OrgCount   `json:"by_organisation"`
	// Checks are the 3- and 6-month checks as cohorts: prevented against
	// placed (issue 16, item 6).
	Checks []CheckCohort `json:"checks"`
}

// CauseCount is how often a root cause was tagged in a quarter.
type CauseCount struct {
	Cause string `json:"cause"`
	Count *int   `json:"count"`
}

// OrgCount is considered versus prevented placements of one organisation.
type OrgCount struct {
	Organisation string `json:"organisation"`
	Considered   *int   `json:"considered"`
	Prevented    *int   `json:"prevented"`
}

// Quarter names the quarter (Europe/Amsterdam) t falls in, as 2026-K4.
func Quarter(t time.Time) string {
	t = t.In(workdays.Location())
	return fmt.Sprintf("%d-K%d", t.Year(), (int(t.Month())-1)/3+1)
}

// Patterns groups facts by the quarter in which the placement was
// considered, newest first, with causes in the order of schakel.RootCauses
// (most frequent first), organisations by name, and the follow-up checks
// as cohorts (which checks are due depends on now).
func Patterns(facts []ReviewFact, now time.Time) []QuarterPatterns {
	byQ := map[string][]ReviewFact{}
	for _, f := range facts {
		q := Quarter(f.ConsideredAt)
		byQ[q] = append(byQ[q], f)
	}
	var out []QuarterPatterns
	for q, fs := range byQ {
		p := quarter(q, fs)
		p.Checks = checkCohorts(fs, now)
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b QuarterPatterns) int { return -cmp.Compare(a.Quarter, b.Quarter) })
	return out
}

func quarter(q string, fs []ReviewFact) QuarterPatterns {
	var held, prevented, onTime int
	var days []int
	causes := map[string]int{}
	orgs := map[string][2]int{}
	for _, f := range fs {
		o := orgs[f.Organisation]
		o[0]++
		if f.HeldAt != nil {
			held++
			d := workdays.WorkingDaysBetween(f.ConsideredAt, *f.HeldAt)
			days = append(days, d)
			if !f.HeldAt.After(DueAt(f.ConsideredAt)) {
				onTime++
			}
			if Prevented(f.Outcome) {
				prevented++
				o[1]++
			}
		}
		orgs[f.Organisation] = o
		for _, c := range f.Causes {
			causes[c]++
		}
	}
	p := QuarterPatterns{Quarter: q, Considered: shown(len(fs)), Held: shown(held), Prevented: shown(prevented), OnTime: shown(onTime),
		Causes: []CauseCount{}, ByOrganisation: []OrgCount{}}
	if len(days) >= chain.MinShown {
		slices.Sort(days)
		m := days[len(days)/2]
		p.MedianDays = &m
	}
	for _, c := range schakel.RootCauses {
		if causes[c] > 0 {
			p.Causes = append(p.Causes, CauseCount{Cause: c, Count: shown(causes[c])})
		}
	}
	slices.SortStableFunc(p.Causes, func(a, b CauseCount) int { return causes[b.Cause] - causes[a.Cause] })
	for name, n := range orgs {
		p.ByOrganisation = append(p.ByOrganisation, OrgCount{Organisation: name, Considered: shown(n[0]), Prevented: shown(n[1])})
	}
	slices.SortFunc(p.ByOrganisation, func(a, b OrgCount) int { return cmp.Compare(a.Organisation, b.Organisation) })
	return p
}

// Prevented reports whether an outcome kept the child out of a placement
// away from its family and network.
func Prevented(outcome string) bool {
	return outcome == schakel.OutcomeNoPlacement || outcome == schakel.OutcomeNetworkPlacement
}

// shown returns n, or nil when n is a group too small to show (1–4).
func shown(n int) *int {
	if chain.TooFewToShow(int64(n)) {
		return nil
	}
	return &n
}

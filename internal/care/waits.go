package care

import (
	"cmp"
	"slices"
	"time"

	"schakel"
	"schakel/internal/chain"
)

// The waiting-time dashboard of care by need (issue 15, item 5): per need
// and municipality, the days from request to the first answer, to the
// choice and to the start of the care, and the share of requests whose
// first answer came within the answer norm. No personal data; a group of
// fewer than chain.MinShown requests shows its count only, and so does a
// spread of fewer than chain.MinShown values (the days of one answer are
// one family's).

// WaitRow is one request's times for one of its needs.
type WaitRow struct {
	Category     schakel.NeedCategory
	Municipality string
	Requested    time.Time
	Deadline     time.Time
	FirstAnswer  *time.Time
	Chosen       *time.Time
	Started      *time.Time // the day the care started
}

// Spread is the median and 80th percentile of a wait in days; nil when
// no request got that far or the group is suppressed.
type Spread struct {
	N      int      `json:"n"`
	Median *float64 `json:"median_days"`
	P80    *float64 `json:"p80_days"`
}

// WaitGroup is the figures of one need in one municipality ("" is every
// municipality together).
type WaitGroup struct {
	Category     schakel.NeedCategory `json:"category"`
	Municipality string               `json:"municipality"`
	Requests     int                  `json:"requests"`
	Suppressed   bool                 `json:"suppressed"`
	ToAnswer     Spread               `json:"to_first_answer"`
	ToChoice     Spread               `json:"to_choice"`
	ToStart      Spread               `json:"to_start"`
	// WithinNorm is the share of requests whose deadline has passed or
	// that were answered, answered before the deadline; nil when none.
	WithinNorm *float64 `json:"within_norm"`
}

// Waits groups the rows per need, overall and per municipality.
func Waits(rows []WaitRow, now time.Time) []WaitGroup {
	type key struct {
		c schakel.NeedCategory
		m string
	}
	groups := map[key][]WaitRow{}
	for _, r := range rows {
		groups[key{r.Category, ""}] = append(groups[key{r.Category, ""}], r)
		groups[key{r.Category, r.Municipality}] = append(groups[key{r.Category, r.Municipality}], r)
	}
	out := make([]WaitGroup, 0, len(groups))
	for k, rs := range groups {
		out = append(out, group(k.c, k.m, rs, now))
	}
	slices.SortFunc(out, func(a, b WaitGroup) int {
		ai, bi := slices.Index(schakel.NeedCategories, a.Category), slices.Index(schakel.NeedCategories, b.Category)
		return cmp.Or(cmp.Compare(ai, bi), cmp.Compare(a.Municipality, b.Municipality))
	})
	return out
}

func group(c schakel.NeedCategory, m string, rs []WaitRow, now time.Time) WaitGroup {
	g := WaitGroup{Category: c, Municipality: m, Requests: len(rs), Suppressed: chain.TooFewToShow(int64(len(rs)))}
	var answer, choice, start []float64
	due, kept := 0, 0
	for _, r := range rs {
		if r.FirstAnswer != nil {
			answer = append(answer, days(r.Requested, *r.FirstAnswer))
		}
		if r.Chosen != nil {
			choice = append(choice, days(r.Requested, *r.Chosen))
		}
		if r.Started != nil {
			start = append(start, calendarDays(r.Requested, *r.Started))
		}
		if r.FirstAnswer != nil || !now.Before(r.Deadline) {
			due++
			if r.FirstAnswer != nil && !Late(*r.FirstAnswer, r.Deadline) {
				kept++
			}
		}
	}
	g.ToAnswer, g.ToChoice, g.ToStart = smallSpread(answer, g.Suppressed), smallSpread(choice, g.Suppressed), smallSpread(start, g.Suppressed)
	if due > 0 && !g.Suppressed {
		share := float64(kept) / float64(due)
		g.WithinNorm = &share
	}
	return g
}

func spread(v []float64, suppressed bool) Spread {
	s := Spread{N: len(v)}
	if suppressed || len(v) == 0 {
		return s
	}
	slices.Sort(v)
	med, p80 := chain.Quantile(v, 0.5), chain.Quantile(v, 0.8)
	s.Median, s.P80 = &med, &p80
	return s
}

func days(from, to time.Time) float64 { return max(0, to.Sub(from).Hours()/24) }

// calendarDays counts whole days on the Amsterdam calendar: care starts
// on a day, not at an hour.
func calendarDays(from, to time.Time) float64 {
	a, _ := Day(dateOf(from))
	b, _ := Day(dateOf(to))
	return max(0, float64(int(b.Sub(a).Hours()/24+0.5)))
}

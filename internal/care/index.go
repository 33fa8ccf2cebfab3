package care

import (
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/chain"
)

// The live waiting-time index (issue 15, item 5), from what providers say
// now, not from what families waited before.
//
// A provider's current statement for a need in a municipality is the
// latest of:
//   - the earliest start its care profile gives for the need (stated when
//     the profile was last saved), and
//   - its answers to requests for the need in the municipality (the
//     earliest start, or with "no capacity" the date it expects room),
//
// counting only statements made in the last IndexFresh (older ones are
// stale and leave the provider "unknown"). Of two statements made at the
// same moment the later date counts (the more careful one). A date on or
// before today means room now: a wait of 0 days.
//
// Per need and municipality the index counts the providers that offer the
// need there (their profile names the need, and the municipality or no
// municipality at all), how many have a current statement, the expected
// wait in days now (the shortest stated wait: the soonest any provider can
// start), the median stated wait, and how many providers have room within
// 2, 4 and 8 weeks. The overall row of a need ("" municipality) counts
// every provider offering it anywhere, with its latest statement for any
// municipality. Providers are organisations, and their statements are not
// about a family: nothing is suppressed.

// IndexFresh is how long a statement counts.
const IndexFresh = 8 * 7 * 24 * time.Hour

// IndexAnswer is one answer as the index uses it.
type IndexAnswer struct {
	OrganisationID int64
	Category       schakel.NeedCategory
	Municipality   string
	At             time.Time
	Date           string // earliest start, or expected room
}

// IndexRow is the index of one need in one municipality ("": all).
type IndexRow struct {
	Category         schakel.NeedCategory `json:"category"`
	Municipality     string               `json:"municipality"`
	Providers        int                  `json:"providers"`
	Known            int                  `json:"providers_with_date"`
	ExpectedWaitDays *int                 `json:"expected_wait_days"`
	MedianWaitDays   *float64             `json:"median_wait_days"`
	Within2Weeks     int                  `json:"room_within_2_weeks"`
	Within4Weeks     int                  `json:"room_within_4_weeks"`
	Within8Weeks     int                  `json:"room_within_8_weeks"`
}

type statement struct {
	at   time.Time
	date string
}

// later reports whether s replaces cur.
func (s statement) later(cur statement) bool {
	return cur.date == "" || s.at.After(cur.at) || s.at.Equal(cur.at) && s.date > cur.date
}

// WaitIndex computes the index for the municipalities given (and overall)
// at now, from the providers' profiles and answers. Every need has its
// overall row, also when nobody offers it; a municipality has a row for
// a need only when someone offers it there.
func WaitIndex(profiles []schakel.ProviderProfile, answers []IndexAnswer, municipalities []string, now time.Time) []IndexRow {
	today, _ := Day(dateOf(now))
	type key struct {
		org int64
		c   schakel.NeedCategory
		m   string
	}
	latest := map[key]statement{}
	put := func(k key, s statement) {
		if now.Sub(s.at) > IndexFresh || s.at.After(now) {
			return
		}
		if _, ok := Day(s.date); !ok {
			return
		}
		if s.later(latest[k]) {
			latest[k] = s
		}
	}
	for _, p := range profiles {
		for c, d := range p.EarliestStart {
			put(key{p.Organisation.ID, c, "*"}, statement{p.UpdatedAt, d})
		}
	}
	for _, a := range answers {
		put(key{a.OrganisationID, a.Category, strings.ToLower(a.Municipality)}, statement{a.At, a.Date})
		put(key{a.OrganisationID, a.Category, ""}, statement{a.At, a.Date})
	}
	var out []IndexRow
	for _, c := range schakel.NeedCategories {
		for _, m := range append([]string{""}, municipalities...) {
			row := IndexRow{Category: c, Municipality: m}
			var waits []float64
			for _, p := range profiles {
				if !slices.Contains(p.Categories, c) || m != "" && !serves(p, m) {
					continue
				}
				row.Providers++
				s := latest[key{p.Organisation.ID, c, strings.ToLower(m)}]
				if prof := latest[key{p.Organisation.ID, c, "*"}]; prof.later(s) && prof.date != "" {
					s = prof
				}
				if s.date == "" {
					continue
				}
				d, _ := Day(s.date)
				w := max(0, int(d.Sub(today).Hours()/24+0.5))
				row.Known++
				waits = append(waits, float64(w))
				row.Within2Weeks += b2i(w <= 14)
				row.Within4Weeks += b2i(w <= 28)
				row.Within8Weeks += b2i(w <= 56)
			}
			if row.Providers == 0 && m != "" {
				continue
			}
			if len(waits) > 0 {
				slices.Sort(waits)
				first, med := int(waits[0]), chain.Quantile(waits, 0.5)
				row.ExpectedWaitDays, row.MedianWaitDays = &first, &med
			}
			out = append(out, row)
		}
	}
	return out
}

func serves(p schakel.ProviderProfile, m string) bool {
	return len(p.Municipalities) == 0 || slices.ContainsFunc(p.Municipalities, func(x string) bool { return strings.EqualFold(x, m) })
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

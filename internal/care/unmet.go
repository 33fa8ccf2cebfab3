package care

import (
	"cmp"
	"slices"

	"schakel"
)

// The unmet-need signal (issue 15, item 5), for the municipality's
// purchasing: per need and municipality, of the requests made in a
// period, how many "no capacity" answers providers gave, how many
// requests got at least one, how many got answers that all said "no
// capacity" (nobody who answered had room) and how many reached no
// provider at all (nobody offers that need there). The rows count only
// the providers that offer the row's need (storage reads them so). Counts only, of
// providers' answers and of requests; no times, so nothing is suppressed.

// UnmetRow is one need of one request.
type UnmetRow struct {
	Category     schakel.NeedCategory
	Municipality string
	Recipients   int // providers the request reached
	Answers      int // answers it got
	NoCapacity   int // of which "no capacity"
}

// Unmet is the signal for one need in one municipality ("": all).
type Unmet struct {
	Category           schakel.NeedCategory `json:"category"`
	Municipality       string               `json:"municipality"`
	Requests           int                  `json:"requests"`
	NoCapacityAnswers  int                  `json:"no_capacity_answers"`
	RequestsNoCapacity int                  `json:"requests_with_no_capacity"`
	NobodyHadRoom      int                  `json:"requests_nobody_had_room"`
	NoProvider         int                  `json:"requests_without_provider"`
}

// Signal is the total unmet need of a group: requests no provider could
// take (all answers "no capacity", or no provider reached).
func (u Unmet) Signal() int { return u.NobodyHadRoom + u.NoProvider }

// UnmetNeed counts per need, overall and per municipality; groups without
// any signal are left out. Sorted by need (the region's order), then
// municipality ("" first).
func UnmetNeed(rows []UnmetRow) []Unmet {
	type key struct {
		c schakel.NeedCategory
		m string
	}
	by := map[key]*Unmet{}
	add := func(k key, r UnmetRow) {
		u := by[k]
		if u == nil {
			u = &Unmet{Category: k.c, Municipality: k.m}
			by[k] = u
		}
		u.Requests++
		u.NoCapacityAnswers += r.NoCapacity
		if r.NoCapacity > 0 {
			u.RequestsNoCapacity++
		}
		if r.Answers > 0 && r.NoCapacity == r.Answers {
			u.NobodyHadRoom++
		}
		if r.Recipients == 0 {
			u.NoProvider++
		}
	}
	for _, r := range rows {
		add(key{r.Category, ""}, r)
		add(key{r.Category, r.Municipality}, r)
	}
	out := []Unmet{}
	for _, u := range by {
		if u.NoCapacityAnswers > 0 || u.Signal() > 0 {
			out = append(out, *u)
		}
	}
	slices.SortFunc(out, func(a, b Unmet) int {
		return cmp.Or(cmp.Compare(needOrder(a.Category), needOrder(b.Category)), cmp.Compare(a.Municipality, b.Municipality))
	})
	return out
}

func needOrder(c schakel.NeedCategory) int {
	if i := slices.Index(schakel.NeedCategories, c); i >= 0 {
		return i
	}
	return len(schakel.NeedCategories)
}

package care

import (
	"cmp"
	"slices"
	"time"

	"schakel/internal/chain"
)

// Waiting times per provider (issue 15, item 5): of the requests a
// provider received, the days to its own answer; of those it was chosen
// for, the days from the request to the choice and to the start of the
// care. Providers are organisations, but their requests are families': a
// provider that received fewer than chain.MinShown requests shows its
// count only, and so does every spread of fewer than chain.MinShown
// values (a median of two starts would describe two families).

// ProviderRow is one request as one provider received it.
type ProviderRow struct {
	OrganisationID int64
	Organisation   string
	Requested      time.Time
	Answered       *time.Time // this provider's answer
	NoCapacity     bool
	Late           bool
	Chosen         *time.Time // set only when this provider was chosen
	Started        *time.Time
}

// ProviderWaits are one provider's figures.
type ProviderWaits struct {
	OrganisationID int64  `json:"organisation_id"`
	Organisation   string `json:"organisation"`
	Received       int    `json:"received"`
	Answered       int    `json:"answered"`
	AnsweredLate   int    `json:"answered_late"`
	NoCapacity     int    `json:"no_capacity"`
	Chosen         int    `json:"chosen"`
	Started        int    `json:"started"`
	Suppressed     bool   `json:"suppressed"`
	ToAnswer       Spread `json:"to_answer"`
	ToChoice       Spread `json:"to_choice"`
	ToStart        Spread `json:"to_start"`
}

// Providers groups the rows per provider, busiest first, ties by name.
func Providers(rows []ProviderRow) []ProviderWaits {
	by := map[int64]*ProviderWaits{}
	vals := map[int64]*[3][]float64{}
	for _, r := range rows {
		p := by[r.OrganisationID]
		if p == nil {
			p = &ProviderWaits{OrganisationID: r.OrganisationID, Organisation: r.Organisation}
			by[r.OrganisationID], vals[r.OrganisationID] = p, &[3][]float64{}
		}
		v := vals[r.OrganisationID]
		p.Received++
		if r.Answered != nil {
			p.Answered++
			v[0] = append(v[0], days(r.Requested, *r.Answered))
			if r.Late {
				p.AnsweredLate++
			}
			if r.NoCapacity {
				p.NoCapacity++
			}
		}
		if r.Chosen != nil {
			p.Chosen++
			v[1] = append(v[1], days(r.Requested, *r.Chosen))
		}
		if r.Started != nil {
			p.Started++
			v[2] = append(v[2], calendarDays(r.Requested, *r.Started))
		}
	}
	out := make([]ProviderWaits, 0, len(by))
	for id, p := range by {
		v := vals[id]
		p.Suppressed = chain.TooFewToShow(int64(p.Received))
		p.ToAnswer, p.ToChoice, p.ToStart = smallSpread(v[0], p.Suppressed), smallSpread(v[1], p.Suppressed), smallSpread(v[2], p.Suppressed)
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b ProviderWaits) int {
		return cmp.Or(cmp.Compare(b.Received, a.Received), cmp.Compare(a.Organisation, b.Organisation), cmp.Compare(a.OrganisationID, b.OrganisationID))
	})
	return out
}

// smallSpread is spread, also leaving out a spread of too few values.
func smallSpread(v []float64, suppressed bool) Spread {
	return spread(v, suppressed || chain.TooFewToShow(int64(len(v))))
}

package app

import (
	"math"
	"sort"

	"schakel/internal/chain"
	"schakel/internal/storage"
)

// holderWaiting sums the waiting list for a case holder of a dashboard's
// region (and organisation, when the filter names one): cases, children
// and the median days a child waited so far, withheld below
// chain.MinShown children.
func holderWaiting(tx *storage.Tx, f storage.LeadtimeFilter) (storage.HolderWaiting, error) {
	ws, err := tx.RegionWaitingForHolder(f.RegionID)
	if err != nil {
		return storage.HolderWaiting{}, err
	}
	var out storage.HolderWaiting
	var days []float64
	for _, w := range ws {
		if f.OrganisationID != 0 && w.OrganisationID != f.OrganisationID {
			continue
		}
		out.Cases++
		out.Children += int64(w.Children)
		d := tx.Now().Sub(w.Since).Hours() / 24
		for range w.Children {
			days = append(days, d)
		}
	}
	sort.Float64s(days)
	switch {
	case chain.TooFewToShow(out.Children):
		out.Suppressed = true
	case len(days) > 0:
		m := math.Round(chain.Quantile(days, 0.5)*10) / 10
		out.MedianDays = &m
	}
	return out, nil
}

package app

// Lead-time figures of the chain dashboard (issue 5), computed with the
// chain rules from what storage reads: the runs per duration bucket
// (storage.PhaseHistograms), and the exact lengths of only the buckets
// that hold the ranks the median, p80 and p90 need (storage.BucketMinutes).
// The result is the same as sorting every value.

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"schakel/internal/chain"
	"schakel/internal/storage"
)

// sortedBuckets are a histogram's buckets with a count, ascending.
func sortedBuckets(h *storage.Histogram) []int {
	var out []int
	for b, c := range h.Counts {
		if c > 0 {
			out = append(out, b)
		}
	}
	slices.Sort(out)
	return out
}

// locate returns the bucket that holds the 0-based rank and the rank's
// position inside it.
func locate(h *storage.Histogram, buckets []int, rank int64) (bucket int, offset int64) {
	var cum int64
	for _, b := range buckets {
		c := h.Counts[b]
		if rank < cum+c {
			return b, rank - cum
		}
		cum += c
	}
	last := buckets[len(buckets)-1]
	return last, h.Counts[last] - 1
}

// quantiles computes exact type-7 quantiles (in days) of a group from its
// histogram, reading only the buckets that hold the needed ranks.
func quantiles(h *storage.Histogram, ps []float64, fetch func(bucket int) ([]int64, error)) ([]float64, error) {
	out := make([]float64, len(ps))
	if h.N == 0 {
		for i := range out {
			out[i] = math.NaN()
		}
		return out, nil
	}
	buckets := sortedBuckets(h)
	cache := map[int][]int64{}
	value := func(rank int64) (float64, error) {
		b, off := locate(h, buckets, rank)
		vals, ok := cache[b]
		if !ok {
			var err error
			if vals, err = fetch(b); err != nil {
				return 0, err
			}
			slices.Sort(vals)
			cache[b] = vals
		}
		if off >= int64(len(vals)) {
			return 0, fmt.Errorf("bucket %d holds %d values, rank offset %d: the table changed between the two reads", b, len(vals), off)
		}
		return float64(vals[off]), nil
	}
	for i, p := range ps {
		lo, hi, frac := chain.Ranks(h.N, p)
		a, err := value(lo)
		if err != nil {
			return nil, err
		}
		b := a
		if hi != lo {
			if b, err = value(hi); err != nil {
				return nil, err
			}
		}
		out[i] = (a + frac*(b-a)) / chain.MinutesPerDay
	}
	return out, nil
}

func roundPtr(v float64, places int) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	p := math.Pow(10, float64(places))
	r := math.Round(v*p) / p
	return &r
}

// LeadtimesIn computes, in tx, count, median, p80, p90 and the share within
// the norm of every phase and of the whole chain. The norms shown are those
// of the filtered region, else of homeRegion; each run is judged against
// the norm of its own region.
func LeadtimesIn(tx *storage.Tx, homeRegion int64, f storage.LeadtimeFilter) (storage.Leadtimes, error) {
	out := storage.Leadtimes{Phases: []storage.PhaseStats{}}
	normRegion := f.NormRegion(homeRegion)
	norms, err := tx.RegionNorms(normRegion)
	if err != nil {
		return out, err
	}
	hists, err := tx.PhaseHistograms(f, 0, false)
	if err != nil {
		return out, err
	}
	for _, p := range chain.Phases() {
		st := storage.PhaseStats{Phase: p.Code, Label: p.Label, Norm: normViewOf(p, norms[p.ID], normRegion, true)}
		if h := hists[int(p.ID)]; h != nil && h.N > 0 {
			st.Count = h.N
			if chain.TooFewToShow(h.N) {
				st.Suppressed = true
				appendPhase(&out, p, st)
				continue
			}
			qs, err := quantiles(h, chain.Percentiles, func(bucket int) ([]int64, error) {
				return tx.BucketMinutes(p.ID, bucket, f)
			})
			if err != nil {
				return out, err
			}
			st.MedianDays, st.P80Days, st.P90Days = roundPtr(qs[0], 3), roundPtr(qs[1], 3), roundPtr(qs[2], 3)
			if h.Judged > 0 {
				st.WithinNorm = roundPtr(float64(h.Within)/float64(h.Judged), 4)
			}
		}
		appendPhase(&out, p, st)
	}
	return out, nil
}

func appendPhase(l *storage.Leadtimes, p chain.Phase, st storage.PhaseStats) {
	if p.ID == chain.PhaseChain {
		l.Chain = st
	} else {
		l.Phases = append(l.Phases, st)
	}
}

func monthLabel(m int) string { return fmt.Sprintf("%04d-%02d", m/100, m%100) }

// trend is a phase's count, exact median and share within the norm per
// month in which runs ended.
func trend(tx *storage.Tx, p chain.Phase, f storage.LeadtimeFilter) ([]storage.MonthStat, error) {
	hists, err := tx.PhaseHistograms(f, p.ID, true)
	if err != nil {
		return nil, err
	}
	out := []storage.MonthStat{}
	for _, m := range slices.Sorted(maps.Keys(hists)) {
		h := hists[m]
		if h.N == 0 {
			continue
		}
		if chain.TooFewToShow(h.N) {
			out = append(out, storage.MonthStat{Month: monthLabel(m), Count: h.N, Suppressed: true})
			continue
		}
		mf := f
		if from := storage.MonthStart(m); mf.From.IsZero() || from.After(mf.From) {
			mf.From = from
		}
		if to := storage.MonthStart(storage.NextMonth(m)); mf.To.IsZero() || to.Before(mf.To) {
			mf.To = to
		}
		qs, err := quantiles(h, []float64{0.5}, func(bucket int) ([]int64, error) { return tx.BucketMinutes(p.ID, bucket, mf) })
		if err != nil {
			return nil, err
		}
		st := storage.MonthStat{Month: monthLabel(m), Count: h.N, MedianDays: roundPtr(qs[0], 3)}
		if h.Judged > 0 {
			st.WithinNorm = roundPtr(float64(h.Within)/float64(h.Judged), 4)
		}
		out = append(out, st)
	}
	return out, nil
}

package demo

import (
	"math"
	"sort"
	"time"

	"schakel/internal/workdays"
)

// cumulate turns the regions' and municipalities' weights into
// cumulative shares, for drawing.
func (g *generator) cumulate() {
	total := 0.0
	for i := range g.regions {
		r := &g.regions[i]
		sum := 0.0
		for k := range r.muniCum {
			sum += r.muniCum[k]
			r.muniCum[k] = sum
		}
		for k := range r.muniCum {
			r.muniCum[k] /= sum
		}
		total += r.weight
		g.regionCum = append(g.regionCum, total)
	}
	for k := range g.regionCum {
		g.regionCum[k] /= total
	}
}

// setupDays weighs every day of the span: fewer reports at weekends and
// in the summer holidays, more after them, a slow rise over the years.
func (g *generator) setupDays(years int) {
	loc := workdays.Location()
	nowLocal := g.now.In(loc)
	first := time.Date(nowLocal.Year()-years, nowLocal.Month(), nowLocal.Day(), 0, 0, 0, 0, loc)
	season := map[time.Month]float64{1: 1.0, 2: 1.02, 3: 1.05, 4: 0.98, 5: 1.0, 6: 1.02, 7: 0.8, 8: 0.78, 9: 1.1, 10: 1.12, 11: 1.08, 12: 0.92}
	sum := 0.0
	for d := first; !d.After(nowLocal); d = d.AddDate(0, 0, 1) {
		w := season[d.Month()] * (1 + 0.03*float64(d.Year()-first.Year()))
		if !workdays.IsWorkingDay(d) {
			w *= 0.35
		}
		sum += w
		g.dayStart = append(g.dayStart, d.UTC().Unix()/60)
		g.dayCum = append(g.dayCum, sum)
	}
	for i := range g.dayCum {
		g.dayCum[i] /= sum
	}
}

// arrival draws the moment a report comes in: mostly office hours.
func (g *generator) arrival(night bool) int64 {
	d := sort.SearchFloat64s(g.dayCum, g.rng.Float64())
	d = min(d, len(g.dayStart)-1)
	var minute int64
	if !night && g.rng.Float64() < 0.82 {
		minute = 8*60 + g.rng.Int64N(10*60)
	} else {
		minute = g.rng.Int64N(24 * 60)
	}
	return min(g.dayStart[d]+minute, g.nowMin-1)
}

func pick(cum []float64, u float64) int { return min(sort.SearchFloat64s(cum, u), len(cum)-1) }

// logn draws a lognormal duration in minutes with this median (in days).
func (g *generator) logn(medianDays, sigma float64) int64 {
	return max(1, int64(medianDays*1440*math.Exp(g.rng.NormFloat64()*sigma)))
}

func (g *generator) uniDays(a, b float64) int64 { return int64((a + g.rng.Float64()*(b-a)) * 1440) }

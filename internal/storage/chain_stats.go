package storage

// Lead-time dashboards: aggregates of case_phases and chain_events, without
// personal data, read on the read pool without an audit entry.
//
// Exact percentiles without reading every duration: the first query counts
// the runs per phase and duration bucket (chain.Bucket, about 3% wide)
// inside the database; the ranks that the median, p80 and p90 need then
// fall in a few buckets, and only the durations of those buckets are read
// (an index range each). The result is the same as sorting every value.

import (
	"cmp"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"schakel/internal/chain"
	"schakel/internal/workdays"
)

// LeadtimeFilter narrows the dashboards. A phase counts in the period in
// which it ended: From ≤ end < To.
type LeadtimeFilter struct {
	From, To       time.Time
	RegionID       int64
	Municipality   string
	OrganisationID int64
	CohortID       int64
}

// PhaseStats are the lead-time figures of one phase.
type PhaseStats struct {
	Phase      string    `json:"phase"`
	Label      string    `json:"label"`
	Count      int64     `json:"count"`
	MedianDays *float64  `json:"median_days"`
	P80Days    *float64  `json:"p80_days"`
	P90Days    *float64  `json:"p90_days"`
	WithinNorm *float64  `json:"within_norm"` // share 0–1 of the runs judged against a norm; null without a norm
	Norm       *NormView `json:"norm"`
	// Suppressed: fewer runs than chain.MinShown, so that the figures would
	// describe single families; count stays, the figures are null.
	Suppressed bool `json:"suppressed"`
}

// Leadtimes are the figures per phase and for the whole chain.
type Leadtimes struct {
	Phases []PhaseStats `json:"phases"`
	Chain  PhaseStats   `json:"chain"`
}

// where builds the filter conditions on case_phases (alias-free).
func (f LeadtimeFilter) where(timeCol string) (string, []any) {
	var conds []string
	var args []any
	if !f.From.IsZero() {
		conds, args = append(conds, timeCol+" >= ?"), append(args, unixMin(f.From))
	}
	if !f.To.IsZero() {
		conds, args = append(conds, timeCol+" < ?"), append(args, unixMin(f.To))
	}
	pc, pa := f.placeConds()
	conds, args = append(conds, pc...), append(args, pa...)
	if f.CohortID != 0 {
		conds, args = append(conds, cohortCases), append(args, cohortCaseArgs(f.CohortID)...)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(conds, " AND "), args
}

// placeConds are the conditions on region, municipality and organisation,
// columns that case_phases, chain_events and event_rollup share.
func (f LeadtimeFilter) placeConds() ([]string, []any) {
	var conds []string
	var args []any
	if f.RegionID != 0 {
		conds, args = append(conds, "region_id = ?"), append(args, f.RegionID)
	}
	if f.Municipality != "" {
		conds, args = append(conds, "municipality = ?"), append(args, f.Municipality)
	}
	if f.OrganisationID != 0 {
		conds, args = append(conds, "organisation_id = ?"), append(args, f.OrganisationID)
	}
	return conds, args
}

// histogram is the count of runs per bucket of one group (a phase, or a
// month of one phase), added up from one or more reads.
type histogram struct {
	counts  map[int]int64 // per bucket
	buckets []int         // ascending, with a count; set by seal
	n       int64
	within  int64 // runs within the norm
	judged  int64 // runs with a norm
}

func (h *histogram) add(bucket int, n, within, judged int64) {
	if h.counts == nil {
		h.counts = map[int]int64{}
	}
	h.counts[bucket] += n
	h.n += n
	h.within += within
	h.judged += judged
}

// seal orders the buckets once every read is added.
func (h *histogram) seal() {
	h.buckets = h.buckets[:0]
	for b, c := range h.counts {
		if c > 0 {
			h.buckets = append(h.buckets, b)
		}
	}
	slices.Sort(h.buckets)
}

// locate returns the bucket that holds the 0-based rank and the rank's
// position inside it.
func (h *histogram) locate(rank int64) (bucket int, offset int64) {
	var cum int64
	for _, b := range h.buckets {
		c := h.counts[b]
		if rank < cum+c {
			return b, rank - cum
		}
		cum += c
	}
	last := h.buckets[len(h.buckets)-1]
	return last, h.counts[last] - 1
}

// quantiles computes exact type-7 quantiles (in days) of a group from its
// histogram, reading only the buckets that hold the needed ranks.
func quantiles(h *histogram, ps []float64, fetch func(bucket int) ([]int64, error)) ([]float64, error) {
	out := make([]float64, len(ps))
	if h.n == 0 {
		for i := range out {
			out[i] = math.NaN()
		}
		return out, nil
	}
	cache := map[int][]int64{}
	value := func(rank int64) (float64, error) {
		b, off := h.locate(rank)
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
		lo, hi, frac := chain.Ranks(h.n, p)
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

// Leadtimes computes count, median, p80, p90 and the share within the norm
// of every phase and of the whole chain. The norms shown are those of the
// filtered region, else of the actor's region; each run is judged against
// the norm of its own region.
// homeRegion is the region whose norms are shown when the filter names none.
func (db *DB) Leadtimes(ctx contextT, homeRegion int64, f LeadtimeFilter) (Leadtimes, error) {
	var out Leadtimes
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.leadtimes(homeRegion, f)
		return err
	})
	return out, err
}

// normRegion is the region whose norms judge a filter: the filtered one,
// else home.
func (f LeadtimeFilter) normRegion(home int64) int64 {
	if f.RegionID != 0 {
		return f.RegionID
	}
	return home
}

func (tx *Tx) leadtimes(homeRegion int64, f LeadtimeFilter) (Leadtimes, error) {
	out := Leadtimes{Phases: []PhaseStats{}}
	normRegion := f.normRegion(homeRegion)
	norms, err := tx.regionNorms(normRegion)
	if err != nil {
		return out, err
	}
	cond, args := f.where("end_min")
	hists, err := tx.phaseHistograms(f, 0, false)
	if err != nil {
		return out, err
	}
	for _, p := range chain.Phases() {
		st := PhaseStats{Phase: p.Code, Label: p.Label, Norm: NormViewOf(p, norms[p.ID], normRegion, true)}
		if h := hists[int(p.ID)]; h != nil && h.n > 0 {
			st.Count = h.n
			if chain.TooFewToShow(h.n) {
				st.Suppressed = true
				out.appendPhase(p, st)
				continue
			}
			qs, err := quantiles(h, chain.Percentiles, func(bucket int) ([]int64, error) {
				return tx.bucketMinutes(p.ID, bucket, cond, args)
			})
			if err != nil {
				return out, err
			}
			st.MedianDays, st.P80Days, st.P90Days = roundPtr(qs[0], 3), roundPtr(qs[1], 3), roundPtr(qs[2], 3)
			if h.judged > 0 {
				st.WithinNorm = roundPtr(float64(h.within)/float64(h.judged), 4)
			}
		}
		out.appendPhase(p, st)
	}
	return out, nil
}

func (l *Leadtimes) appendPhase(p chain.Phase, st PhaseStats) {
	if p.ID == chain.PhaseChain {
		l.Chain = st
	} else {
		l.Phases = append(l.Phases, st)
	}
}

func (tx *Tx) bucketMinutes(phase chain.PhaseID, bucket int, cond string, args []any) ([]int64, error) {
	rows, err := tx.query(`SELECT minutes FROM case_phases WHERE status = 1 AND phase = ? AND bucket = ?`+cond,
		append([]any{int(phase), bucket}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var m int64
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MonthStat is one month of a trend.
type MonthStat struct {
	Month      string   `json:"month"` // 2026-03
	Count      int64    `json:"count"`
	MedianDays *float64 `json:"median_days"`
	WithinNorm *float64 `json:"within_norm"`
	Suppressed bool     `json:"suppressed"` // too few runs to show figures
}

// WaitingStat is how many runs of a phase are open now and for how long.
type WaitingStat struct {
	Phase      string    `json:"phase"`
	Label      string    `json:"label"`
	Count      int64     `json:"count"`
	MedianDays *float64  `json:"median_days"` // waited so far
	OverNorm   int64     `json:"over_norm"`
	Norm       *NormView `json:"norm"`
	Suppressed bool      `json:"suppressed"` // too few waiting to show how long
}

// ReportStats count reports in the period.
type ReportStats struct {
	Reports     int64    `json:"reports"`
	Repeats12   int64    `json:"repeats_12_months"` // the family was reported in the 12 months before
	RepeatShare *float64 `json:"repeat_share"`
	Screened    int64    `json:"money_questions_asked"`
	Debts       int64    `json:"debts"`
	DebtShare   *float64 `json:"debt_share"` // of the screened
	Placements  int64    `json:"placements"` // out-of-home placements in the period
	CourtOrders int64    `json:"court_orders"`
}

// MonthCount is a count in one month.
type MonthCount struct {
	Month string `json:"month"`
	Count int64  `json:"count"`
}

// Dashboard is everything the dashboard screen shows.
type Dashboard struct {
	Leadtimes      Leadtimes     `json:"leadtimes"`
	TrendPhase     string        `json:"trend_phase"`
	Trend          []MonthStat   `json:"trend"`
	Waiting        []WaitingStat `json:"waiting"`
	Reports        ReportStats   `json:"reports"`
	PlacementTrend []MonthCount  `json:"placement_trend"`
	RepeatTrend    []MonthCount  `json:"repeat_trend"`
	HolderWaiting  HolderWaiting `json:"holder_waiting"` // children with a measure and no case holder
	Now            time.Time     `json:"now"`
}

// Dashboard computes the dashboard for a filter; trendPhase is the phase
// whose monthly trend is shown (default: the whole chain).
// homeRegion's norms are shown when the filter names no region.
func (db *DB) Dashboard(ctx contextT, homeRegion int64, f LeadtimeFilter, trendPhase string) (Dashboard, error) {
	return db.dashboard(ctx, homeRegion, f, trendPhase, false)
}

// dashboard is Dashboard; fromDetail leaves the monthly roll-ups aside.
func (db *DB) dashboard(ctx contextT, homeRegion int64, f LeadtimeFilter, trendPhase string, fromDetail bool) (Dashboard, error) {
	var d Dashboard
	p, ok := chain.PhaseByCode(trendPhase)
	if !ok {
		p, _ = chain.PhaseByID(chain.PhaseChain)
	}
	err := db.View(ctx, func(tx *Tx) error {
		tx.noRollup = fromDetail
		var err error
		d.Now = tx.now
		if d.Leadtimes, err = tx.leadtimes(homeRegion, f); err != nil {
			return err
		}
		d.TrendPhase = p.Code
		if d.Trend, err = tx.trend(p, f); err != nil {
			return err
		}
		if d.Waiting, err = tx.waiting(homeRegion, f); err != nil {
			return err
		}
		d.Reports, d.PlacementTrend, d.RepeatTrend, err = tx.eventCounts(f)
		return err
	})
	return d, err
}

func monthLabel(m int) string { return fmt.Sprintf("%04d-%02d", m/100, m%100) }

func monthStart(m int) time.Time {
	return time.Date(m/100, time.Month(m%100), 1, 0, 0, 0, 0, workdays.Location()).UTC()
}

func nextMonth(m int) int {
	if m%100 == 12 {
		return (m/100+1)*100 + 1
	}
	return m + 1
}

// trend is a phase's count, exact median and share within the norm per
// month in which runs ended.
func (tx *Tx) trend(p chain.Phase, f LeadtimeFilter) ([]MonthStat, error) {
	hists, err := tx.phaseHistograms(f, p.ID, true)
	if err != nil {
		return nil, err
	}
	out := []MonthStat{}
	for _, m := range slices.Sorted(maps.Keys(hists)) {
		h := hists[m]
		if h.n == 0 {
			continue
		}
		if chain.TooFewToShow(h.n) {
			out = append(out, MonthStat{Month: monthLabel(m), Count: h.n, Suppressed: true})
			continue
		}
		mf := f
		if from := monthStart(m); mf.From.IsZero() || from.After(mf.From) {
			mf.From = from
		}
		if to := monthStart(nextMonth(m)); mf.To.IsZero() || to.Before(mf.To) {
			mf.To = to
		}
		mcond, margs := mf.where("end_min")
		qs, err := quantiles(h, []float64{0.5}, func(bucket int) ([]int64, error) { return tx.bucketMinutes(p.ID, bucket, mcond, margs) })
		if err != nil {
			return nil, err
		}
		st := MonthStat{Month: monthLabel(m), Count: h.n, MedianDays: roundPtr(qs[0], 3)}
		if h.judged > 0 {
			st.WithinNorm = roundPtr(float64(h.within)/float64(h.judged), 4)
		}
		out = append(out, st)
	}
	return out, nil
}

// waiting counts the runs open now per phase (the period does not apply:
// this is now), with how long they have waited and how many passed the norm.
func (tx *Tx) waiting(homeRegion int64, f LeadtimeFilter) ([]WaitingStat, error) {
	g := f
	g.From, g.To = time.Time{}, time.Time{}
	cond, args := g.where("start_min")
	rows, err := tx.query(`SELECT phase, start_min, due_min FROM case_phases WHERE status = 0`+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	now := unixMin(tx.now)
	waited := map[chain.PhaseID][]float64{}
	over := map[chain.PhaseID]int64{}
	for rows.Next() {
		var phase int
		var start int64
		var due sql.NullInt64
		if err := rows.Scan(&phase, &start, &due); err != nil {
			return nil, err
		}
		id := chain.PhaseID(phase)
		waited[id] = append(waited[id], float64(now-start)/chain.MinutesPerDay)
		if due.Valid && due.Int64 < now {
			over[id]++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	normRegion := f.normRegion(homeRegion)
	norms, err := tx.regionNorms(normRegion)
	if err != nil {
		return nil, err
	}
	out := []WaitingStat{}
	for _, p := range chain.Phases() {
		w := waited[p.ID]
		sort.Float64s(w)
		st := WaitingStat{Phase: p.Code, Label: p.Label, Count: int64(len(w)), OverNorm: over[p.ID], Norm: NormViewOf(p, norms[p.ID], normRegion, true)}
		switch {
		case chain.TooFewToShow(int64(len(w))):
			st.Suppressed = true
		case len(w) > 0:
			st.MedianDays = roundPtr(chain.Quantile(w, 0.5), 3)
		}
		out = append(out, st)
	}
	return out, nil
}

// eventCounts counts reports (repeats within 12 months, money questions,
// debts), placements, court orders, scale-downs and closings in the
// period, and per month the placements and repeat reports.
func (tx *Tx) eventCounts(f LeadtimeFilter) (ReportStats, []MonthCount, []MonthCount, error) {
	var st ReportStats
	counts, err := tx.eventRows(f)
	if err != nil {
		return st, nil, nil, err
	}
	placements, repeats := []MonthCount{}, []MonthCount{}
	keys := slices.SortedFunc(maps.Keys(counts), func(a, b eventKey) int { return cmp.Or(cmp.Compare(a.month, b.month), cmp.Compare(a.typ, b.typ)) })
	for _, k := range keys {
		c := counts[k]
		if c.n == 0 {
			continue
		}
		switch chain.Type(k.typ) {
		case chain.ReportReceived:
			st.Reports += c.n
			st.Repeats12 += c.repeats
			st.Screened += c.screened
			st.Debts += c.debts
			repeats = append(repeats, MonthCount{Month: monthLabel(k.month), Count: c.repeats})
		case chain.Placement:
			st.Placements += c.n
			placements = append(placements, MonthCount{Month: monthLabel(k.month), Count: c.n})
		case chain.CourtOrder:
			st.CourtOrders += c.n
		}
	}
	if st.Reports > 0 {
		st.RepeatShare = roundPtr(float64(st.Repeats12)/float64(st.Reports), 4)
	}
	if st.Screened > 0 {
		st.DebtShare = roundPtr(float64(st.Debts)/float64(st.Screened), 4)
	}
	return st, placements, repeats, nil
}

// Municipalities lists the municipalities that have chain events, for the
// dashboard filter (no personal data).
func (db *DB) Municipalities(ctx contextT, regionID int64) ([]string, error) {
	q := `SELECT DISTINCT municipality FROM families WHERE municipality <> ''`
	args := []any{}
	if regionID != 0 {
		q += ` AND region_id = ?`
		args = append(args, regionID)
	}
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(q+` ORDER BY municipality LIMIT 1000`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

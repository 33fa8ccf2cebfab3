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
	"maps"
	"slices"
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

// Histogram is the count of done runs per duration bucket (chain.Bucket)
// of one group (a phase, or a month of one phase), added up from one or
// more reads.
type Histogram struct {
	Counts map[int]int64 // per bucket
	N      int64
	Within int64 // runs within the norm
	Judged int64 // runs with a norm
}

func (h *Histogram) add(bucket int, n, within, judged int64) {
	if h.Counts == nil {
		h.Counts = map[int]int64{}
	}
	h.Counts[bucket] += n
	h.N += n
	h.Within += within
	h.Judged += judged
}

// NormRegion is the region whose norms judge a filter: the filtered one,
// else home.
func (f LeadtimeFilter) NormRegion(home int64) int64 {
	if f.RegionID != 0 {
		return f.RegionID
	}
	return home
}

// RegionNorms are the norms in force in a region (chain_norms.go).
func (tx *Tx) RegionNorms(regionID int64) (map[chain.PhaseID]*chain.Norm, error) {
	return tx.regionNorms(regionID)
}

// BucketMinutes reads the lengths in minutes of the done runs of a phase
// in one duration bucket that the filter selects (period on their end).
func (tx *Tx) BucketMinutes(phase chain.PhaseID, bucket int, f LeadtimeFilter) ([]int64, error) {
	cond, args := f.where("end_min")
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

// MonthStart is the first moment of month m (yyyymm) on the Amsterdam
// calendar.
func MonthStart(m int) time.Time {
	return time.Date(m/100, time.Month(m%100), 1, 0, 0, 0, 0, workdays.Location()).UTC()
}

// NextMonth is the month (yyyymm) after m.
func NextMonth(m int) int {
	if m%100 == 12 {
		return (m/100+1)*100 + 1
	}
	return m + 1
}

// OpenRun is a phase run open now.
type OpenRun struct {
	Phase chain.PhaseID
	Start time.Time
	Due   *time.Time // nil: no norm
}

// OpenRuns reads the runs open now that the filter's place and cohort
// select (its period does not apply: this is now).
func (tx *Tx) OpenRuns(f LeadtimeFilter) ([]OpenRun, error) {
	g := f
	g.From, g.To = time.Time{}, time.Time{}
	cond, args := g.where("start_min")
	rows, err := tx.query(`SELECT phase, start_min, due_min FROM case_phases WHERE status = 0`+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OpenRun
	for rows.Next() {
		var r OpenRun
		var start int64
		var due sql.NullInt64
		if err := rows.Scan(&r.Phase, &start, &due); err != nil {
			return nil, err
		}
		r.Start = fromMin(start)
		if due.Valid {
			d := fromMin(due.Int64)
			r.Due = &d
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MonthEvents are the effective events of one type in one month: reports
// (with repeats, money questions and debts), placements or court orders.
type MonthEvents struct {
	Month                int // yyyymm
	Type                 chain.Type
	N, Repeats, Screened int64
	Debts                int64
}

// EventCounts counts the effective reports, placements and court orders
// per month and type in the filter's period, by month and then type.
func (tx *Tx) EventCounts(f LeadtimeFilter) ([]MonthEvents, error) {
	counts, err := tx.eventRows(f)
	if err != nil {
		return nil, err
	}
	keys := slices.SortedFunc(maps.Keys(counts), func(a, b eventKey) int { return cmp.Or(cmp.Compare(a.month, b.month), cmp.Compare(a.typ, b.typ)) })
	out := make([]MonthEvents, 0, len(keys))
	for _, k := range keys {
		c := counts[k]
		out = append(out, MonthEvents{Month: k.month, Type: chain.Type(k.typ), N: c.n, Repeats: c.repeats, Screened: c.screened, Debts: c.debts})
	}
	return out, nil
}

// Municipalities lists the municipalities that have chain events, for the
// dashboard filter (no personal data). It reads them from the monthly
// roll-ups, which count every event by its family's municipality and grow
// with months, not families: the families have no index on their region
// and municipality, and the country's list would read them all.
func (db *DB) Municipalities(ctx contextT, regionID int64) ([]string, error) {
	q := `SELECT DISTINCT municipality FROM event_rollup WHERE municipality <> ''`
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

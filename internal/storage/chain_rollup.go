package storage

// Monthly roll-ups of the phase runs and counted chain events (migration
// 00005), so that a dashboard over ten years of a whole country reads a few
// hundred thousand small rows instead of millions of runs and events.
//
// Every change to case_phases or chain_events adds its difference to the
// transaction (countRun, countEvent); the differences are written just
// before commit, in key order, so that two transactions touching the same
// national rows wait for each other instead of deadlocking, and a rolled
// back transaction leaves no trace. VerifyRollups compares them with the
// detail tables.

import (
	"cmp"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"schakel/internal/chain"
)

// nationalRegion is the region_id of the whole country's rows in
// phase_rollup (real regions count from 1).
const nationalRegion = 0

// countedEvents are the event types the dashboards count per month.
var countedEvents = []chain.Type{chain.ReportReceived, chain.Placement, chain.CourtOrder}

type phaseKey struct {
	region int64
	month  int
	phase  int
	bucket int
}

type phaseCounts struct{ n, within, judged int64 }

type eventKey struct {
	month        int
	typ          string
	region, org  int64
	municipality string
}

type eventCounts struct{ n, repeats, screened, debts int64 }

// rollupDelta is what a transaction changes in the roll-ups.
type rollupDelta struct {
	phases map[phaseKey]phaseCounts
	events map[eventKey]eventCounts
}

// countRun adds (sign 1) or removes (sign -1) a stored phase run; only done
// runs are counted.
func (tx *Tx) countRun(p phaseRecord, sign int64) {
	if p.status != chain.Done || !p.endMonth.Valid || !p.bucket.Valid {
		return
	}
	c := phaseCounts{n: sign}
	if p.within.Valid {
		c.judged = sign
		c.within = sign * p.within.Int64
	}
	if tx.rollup.phases == nil {
		tx.rollup.phases = map[phaseKey]phaseCounts{}
	}
	for _, region := range []int64{p.regionID, nationalRegion} {
		k := phaseKey{region: region, month: int(p.endMonth.Int64), phase: int(p.phase), bucket: int(p.bucket.Int64)}
		d := tx.rollup.phases[k]
		tx.rollup.phases[k] = phaseCounts{d.n + c.n, d.within + c.within, d.judged + c.judged}
	}
}

// countEvent adds (sign 1) or removes (sign -1) an effective chain event.
func (tx *Tx) countEvent(t chain.Type, month int, region, org int64, municipality string, flags int, sign int64) {
	if !slices.Contains(countedEvents, t) {
		return
	}
	if tx.rollup.events == nil {
		tx.rollup.events = map[eventKey]eventCounts{}
	}
	k := eventKey{month: month, typ: string(t), region: region, org: org, municipality: municipality}
	d := tx.rollup.events[k]
	d.n += sign
	d.repeats += sign * int64(flags&1)
	d.screened += sign * int64(flags>>1&1)
	d.debts += sign * int64(flags>>2&1)
	tx.rollup.events[k] = d
}

// uncountEvent removes an event that a correction or withdrawal replaces.
func (tx *Tx) uncountEvent(id int64) error {
	var t, municipality string
	var month, flags int
	var region, org int64
	err := tx.queryRow(`SELECT type, month, region_id, COALESCE(organisation_id, 0), municipality, flags FROM chain_events
		WHERE id = ? AND superseded = FALSE AND withdrawn = FALSE`, id).Scan(&t, &month, &region, &org, &municipality, &flags)
	if err == sql.ErrNoRows {
		return nil // not counted
	}
	if err != nil {
		return err
	}
	tx.countEvent(chain.Type(t), month, region, org, municipality, flags, -1)
	return nil
}

// rollupShards is how many rows share one roll-up key on PostgreSQL
// (migration 00055). A transaction adds its differences to the shard of
// its connection's server process, so that concurrent transactions on
// other connections (of this or another serve process) rarely wait for
// its lock, which it holds until its commit has reached the disk: without
// shards every intake of a region queued behind the one before on the
// region's row of the month, one flush at a time. 16 keeps the rows a
// dashboard sums small while two cores' worth of connections spread out.
const rollupShards = 16

// rollupShard is the SQL of the shard a transaction writes: its server
// process's on PostgreSQL; on SQLite, which writes one transaction at a
// time, always 0.
func (tx *Tx) rollupShard() string {
	if tx.db.dialect.engine == Postgres {
		return "pg_backend_pid() % " + strconv.Itoa(rollupShards)
	}
	return "0"
}

// flushRollups writes the transaction's differences, in key order.
func (tx *Tx) flushRollups() error {
	d := tx.rollup
	tx.rollup = rollupDelta{}
	shard := tx.rollupShard()
	pkeys := slices.SortedFunc(maps.Keys(d.phases), func(a, b phaseKey) int {
		return cmp.Or(cmp.Compare(a.region, b.region), cmp.Compare(a.month, b.month), cmp.Compare(a.phase, b.phase), cmp.Compare(a.bucket, b.bucket))
	})
	// The rows of each table in key order: two transactions that share
	// rows take their locks in the same order and cannot deadlock.
	var phaseArgs []any
	for _, k := range pkeys {
		if c := d.phases[k]; c != (phaseCounts{}) {
			phaseArgs = append(phaseArgs, k.region, k.month, k.phase, k.bucket, c.n, c.within, c.judged)
		}
	}
	if err := tx.upsertRollup(`INSERT INTO phase_rollup (region_id, end_month, phase, bucket, shard, n, within, judged) VALUES `,
		`(?, ?, ?, ?, `+shard+`, ?, ?, ?)`, 7, `
		ON CONFLICT (region_id, end_month, phase, bucket, shard) DO UPDATE SET n = phase_rollup.n + excluded.n,
		within = phase_rollup.within + excluded.within, judged = phase_rollup.judged + excluded.judged`, phaseArgs); err != nil {
		return fmt.Errorf("phase roll-up: %w", err)
	}
	ekeys := slices.SortedFunc(maps.Keys(d.events), func(a, b eventKey) int {
		return cmp.Or(cmp.Compare(a.month, b.month), cmp.Compare(a.typ, b.typ), cmp.Compare(a.region, b.region),
			cmp.Compare(a.org, b.org), cmp.Compare(a.municipality, b.municipality))
	})
	var eventArgs []any
	for _, k := range ekeys {
		if c := d.events[k]; c != (eventCounts{}) {
			eventArgs = append(eventArgs, k.month, k.typ, k.region, k.org, k.municipality, c.n, c.repeats, c.screened, c.debts)
		}
	}
	if err := tx.upsertRollup(`INSERT INTO event_rollup (month, type, region_id, organisation_id, municipality, shard, n, repeats, screened, debts) VALUES `,
		`(?, ?, ?, ?, ?, `+shard+`, ?, ?, ?, ?)`, 9, `
		ON CONFLICT (month, type, region_id, organisation_id, municipality, shard) DO UPDATE SET n = event_rollup.n + excluded.n,
		repeats = event_rollup.repeats + excluded.repeats, screened = event_rollup.screened + excluded.screened,
		debts = event_rollup.debts + excluded.debts`, eventArgs); err != nil {
		return fmt.Errorf("event roll-up: %w", err)
	}
	return nil
}

// rollupChunk bounds the rows of one roll-up statement (a bulk load can
// touch thousands; PostgreSQL takes at most 65,535 parameters).
const rollupChunk = 1000

// upsertRollup adds the rows (width arguments each, in args) to a roll-up
// table, rollupChunk rows per statement, kept for the statement at commit.
func (tx *Tx) upsertRollup(insert, row string, width int, conflict string, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/width, rollupChunk)
		q := insert + row + strings.Repeat(", "+row, n-1) + conflict
		if err := tx.execAtCommit(commitWrite{stmt: q, args: args[:n*width]}); err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}

// rebuildPhaseRollup computes the phase roll-up of one region and phase
// (after a norm change) again from case_phases, and the national rows of
// that phase from the regions' rows. Pending differences are written first.
func (tx *Tx) rebuildPhaseRollup(regionID int64, phase chain.PhaseID) error {
	if err := tx.flushRollups(); err != nil {
		return err
	}
	steps := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM phase_rollup WHERE phase = ? AND region_id IN (?, ?)`, []any{int(phase), regionID, nationalRegion}},
		{`INSERT INTO phase_rollup (region_id, end_month, phase, bucket, n, within, judged)
			SELECT region_id, end_month, phase, bucket, COUNT(*), COALESCE(SUM(within), 0), COUNT(within)
			FROM case_phases WHERE status = 1 AND region_id = ? AND phase = ? GROUP BY region_id, end_month, phase, bucket`, []any{regionID, int(phase)}},
		{`INSERT INTO phase_rollup (region_id, end_month, phase, bucket, n, within, judged)
			SELECT ?, end_month, phase, bucket, SUM(n), SUM(within), SUM(judged)
			FROM phase_rollup WHERE region_id <> ? AND phase = ? GROUP BY end_month, phase, bucket`, []any{nationalRegion, nationalRegion, int(phase)}},
	}
	for _, s := range steps {
		if _, err := tx.exec(s.q, s.args...); err != nil {
			return fmt.Errorf("rebuild phase roll-up: %w", err)
		}
	}
	return nil
}

// rollupQueries compute both roll-ups from the detail tables: the same
// statements as migration 00005's first fill. VerifyRollups compares with
// them; a bulk load fills the tables with them.
const (
	phaseRollupFromRuns = `SELECT region_id, end_month, phase, bucket, COUNT(*), COALESCE(SUM(within), 0), COUNT(within)
		FROM case_phases WHERE status = 1 GROUP BY region_id, end_month, phase, bucket`
	nationalFromRegions = `SELECT 0, end_month, phase, bucket, SUM(n), SUM(within), SUM(judged)
		FROM phase_rollup WHERE region_id <> 0 GROUP BY end_month, phase, bucket`
	eventRollupFromEvents = `SELECT month, type, region_id, COALESCE(organisation_id, 0), municipality, COUNT(*),
		SUM(CASE WHEN (flags & 1) <> 0 THEN 1 ELSE 0 END), SUM(CASE WHEN (flags & 2) <> 0 THEN 1 ELSE 0 END),
		SUM(CASE WHEN (flags & 4) <> 0 THEN 1 ELSE 0 END)
		FROM chain_events WHERE type IN ('report_received', 'placement', 'court_order') AND superseded = FALSE AND withdrawn = FALSE
		GROUP BY month, type, region_id, COALESCE(organisation_id, 0), municipality`
)

// rebuildRollups fills both roll-ups from the detail tables (after a bulk
// load).
func rebuildRollups(exec func(q string) error) error {
	for _, q := range []string{
		`DELETE FROM phase_rollup`,
		`INSERT INTO phase_rollup (region_id, end_month, phase, bucket, n, within, judged) ` + phaseRollupFromRuns,
		`INSERT INTO phase_rollup (region_id, end_month, phase, bucket, n, within, judged) ` + nationalFromRegions,
		`DELETE FROM event_rollup`,
		`INSERT INTO event_rollup (month, type, region_id, organisation_id, municipality, n, repeats, screened, debts) ` + eventRollupFromEvents,
	} {
		if err := exec(q); err != nil {
			return fmt.Errorf("rebuild roll-ups: %w", err)
		}
	}
	return nil
}

// VerifyRollups computes both roll-ups again from the detail tables and
// reports the first difference with the stored ones.
func (db *DB) VerifyRollups(ctx contextT) error {
	return db.View(ctx, func(tx *Tx) error {
		for _, c := range []struct {
			name, stored, computed string
			keys                   int // leading key columns; the rest are counts
		}{
			{"phase_rollup (regions)", `SELECT region_id, end_month, phase, bucket, SUM(n), SUM(within), SUM(judged) FROM phase_rollup
				WHERE region_id <> 0 GROUP BY region_id, end_month, phase, bucket HAVING SUM(n) <> 0`, phaseRollupFromRuns, 4},
			{"phase_rollup (country)", `SELECT region_id, end_month, phase, bucket, SUM(n), SUM(within), SUM(judged) FROM phase_rollup
				WHERE region_id = 0 GROUP BY region_id, end_month, phase, bucket HAVING SUM(n) <> 0`,
				`SELECT 0, end_month, phase, bucket, COUNT(*), COALESCE(SUM(within), 0), COUNT(within) FROM case_phases WHERE status = 1 GROUP BY end_month, phase, bucket`, 4},
			{"event_rollup", `SELECT month, type, region_id, organisation_id, municipality, SUM(n), SUM(repeats), SUM(screened), SUM(debts) FROM event_rollup
				GROUP BY month, type, region_id, organisation_id, municipality HAVING SUM(n) <> 0`, eventRollupFromEvents, 5},
		} {
			stored, err := tx.rowStrings(c.stored, c.keys)
			if err != nil {
				return err
			}
			computed, err := tx.rowStrings(c.computed, c.keys)
			if err != nil {
				return err
			}
			for k, v := range computed {
				if stored[k] != v {
					return fmt.Errorf("%s: %s holds %q, the detail gives %q", c.name, k, stored[k], v)
				}
			}
			for k, v := range stored {
				if _, ok := computed[k]; !ok {
					return fmt.Errorf("%s: %s holds %q, the detail has nothing", c.name, k, v)
				}
			}
		}
		return nil
	})
}

// rowStrings reads a query whose first nkeys columns are a key and the
// rest counts into a map from key to counts, both as text; zero-count rows
// are left out (a roll-up row may drop to zero and stay).
func (tx *Tx) rowStrings(q string, nkeys int) (map[string]string, error) {
	rows, err := tx.queryDirect(q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			parts[i] = fmt.Sprint(v)
		}
		if parts[nkeys] == "0" {
			continue
		}
		out[strings.Join(parts[:nkeys], "|")] = strings.Join(parts[nkeys:], "|")
	}
	return out, rows.Err()
}

// monthSpan is a range of whole months [from, to) as yyyymm; 0 leaves an
// end open.
type monthSpan struct{ from, to int }

// split divides a filter's period into the whole months that the roll-ups
// answer and the partial months at its edges that the detail tables
// answer. ok is false when the period holds no whole month: then the
// detail tables answer all of it.
func (f LeadtimeFilter) split() (whole monthSpan, edges []LeadtimeFilter, ok bool) {
	if !f.From.IsZero() {
		m := monthOf(f.From)
		if unixMin(MonthStart(m)) != unixMin(f.From) {
			m = NextMonth(m)
			e := f
			e.To = MonthStart(m)
			if !f.To.IsZero() && f.To.Before(e.To) {
				return monthSpan{}, []LeadtimeFilter{f}, false
			}
			edges = append(edges, e)
		}
		whole.from = m
	}
	if !f.To.IsZero() {
		m := monthOf(f.To) // whole months end before To's month
		if start := MonthStart(m); unixMin(start) != unixMin(f.To) {
			e := f
			e.From = start
			edges = append(edges, e)
		}
		whole.to = m
	}
	if whole.from != 0 && whole.to != 0 && whole.from >= whole.to {
		return monthSpan{}, []LeadtimeFilter{f}, false
	}
	return whole, edges, true
}

// where is the roll-up condition on a month column.
func (s monthSpan) where(col string) (string, []any) {
	var conds []string
	var args []any
	if s.from != 0 {
		conds, args = append(conds, col+" >= ?"), append(args, s.from)
	}
	if s.to != 0 {
		conds, args = append(conds, col+" < ?"), append(args, s.to)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(conds, " AND "), args
}

// PhaseHistograms counts the done runs that ended in the filter's period
// per group and duration bucket: the group is the phase, or with byMonth
// the month of ending (of one phase; 0: every phase). Whole months are read
// from the roll-up when the filter allows it.
func (tx *Tx) PhaseHistograms(f LeadtimeFilter, phase chain.PhaseID, byMonth bool) (map[int]*Histogram, error) {
	group := "phase"
	if byMonth {
		group = "end_month"
	}
	var phaseCond string
	var phaseArgs []any
	if phase != 0 {
		phaseCond, phaseArgs = " AND phase = ?", []any{int(phase)}
	}
	hists := map[int]*Histogram{}
	read := func(q string, args []any) error {
		rows, err := tx.query(q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var key, bucket int
			var n, within, judged int64
			if err := rows.Scan(&key, &bucket, &n, &within, &judged); err != nil {
				return err
			}
			h := hists[key]
			if h == nil {
				h = &Histogram{}
				hists[key] = h
			}
			h.add(bucket, n, within, judged)
		}
		return rows.Err()
	}
	detail := func(g LeadtimeFilter) error {
		cond, args := g.where("end_min")
		return read(`SELECT `+group+`, bucket, COUNT(*), COALESCE(SUM(within), 0), COUNT(within) FROM case_phases
			WHERE status = 1`+phaseCond+cond+` GROUP BY `+group+`, bucket`, append(slices.Clone(phaseArgs), args...))
	}
	whole, edges, ok := f.split()
	if !ok || tx.noRollup || f.Municipality != "" || f.OrganisationID != 0 || f.CohortID != 0 {
		if err := detail(f); err != nil {
			return nil, err
		}
	} else {
		for _, e := range edges {
			if err := detail(e); err != nil {
				return nil, err
			}
		}
		cond, args := whole.where("end_month")
		region := f.RegionID // 0 is the country's rows
		if err := read(`SELECT `+group+`, bucket, SUM(n), SUM(within), SUM(judged) FROM phase_rollup
			WHERE region_id = ?`+phaseCond+cond+` GROUP BY `+group+`, bucket`, append(append([]any{region}, phaseArgs...), args...)); err != nil {
			return nil, err
		}
	}
	return hists, nil
}

// eventRows counts effective reports (with repeats, money questions and
// debts), placements and court orders per type and month in the filter's
// period. Whole months come from the roll-up unless a cohort is filtered.
func (tx *Tx) eventRows(f LeadtimeFilter) (map[eventKey]eventCounts, error) {
	out := map[eventKey]eventCounts{}
	read := func(q string, args []any) error {
		rows, err := tx.query(q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k eventKey
			var c eventCounts
			if err := rows.Scan(&k.typ, &k.month, &c.n, &c.repeats, &c.screened, &c.debts); err != nil {
				return err
			}
			d := out[k]
			out[k] = eventCounts{d.n + c.n, d.repeats + c.repeats, d.screened + c.screened, d.debts + c.debts}
		}
		return rows.Err()
	}
	detail := func(g LeadtimeFilter) error {
		conds := []string{"superseded = FALSE", "withdrawn = FALSE"}
		var args []any
		// The month conditions let the index seek; at keeps the period exact.
		if !g.From.IsZero() {
			conds, args = append(conds, "month >= ?", "at >= ?"), append(args, monthOf(g.From), g.From)
		}
		if !g.To.IsZero() {
			conds, args = append(conds, "month <= ?", "at < ?"), append(args, monthOf(g.To.Add(-time.Minute)), g.To)
		}
		c, a := g.placeConds()
		conds, args = append(conds, c...), append(args, a...)
		from := `chain_events`
		if g.CohortID != 0 {
			// A cohort's events are read case by case (chain_events_case_type),
			// not among every event of these types in the country; CROSS
			// JOIN keeps SQLite's join order, PostgreSQL plans it freely.
			from = `(` + cohortCaseSet + `) cohort CROSS JOIN chain_events`
			conds = append(conds, "chain_events.case_id = cohort.case_id")
			args = append(cohortCaseArgs(g.CohortID), args...)
		}
		return read(`SELECT type, month, COUNT(*),
			SUM(CASE WHEN (flags & 1) <> 0 THEN 1 ELSE 0 END), SUM(CASE WHEN (flags & 2) <> 0 THEN 1 ELSE 0 END), SUM(CASE WHEN (flags & 4) <> 0 THEN 1 ELSE 0 END)
			FROM `+from+` WHERE type IN ('report_received', 'placement', 'court_order') AND `+strings.Join(conds, " AND ")+`
			GROUP BY type, month`, args)
	}
	whole, edges, ok := f.split()
	if !ok || tx.noRollup || f.CohortID != 0 {
		return out, detail(f)
	}
	for _, e := range edges {
		if err := detail(e); err != nil {
			return nil, err
		}
	}
	mcond, margs := whole.where("month")
	conds, args := f.placeConds()
	where := ""
	if len(conds) > 0 {
		where = " AND " + strings.Join(conds, " AND ")
	}
	return out, read(`SELECT type, month, SUM(n), SUM(repeats), SUM(screened), SUM(debts) FROM event_rollup
		WHERE 1 = 1`+mcond+where+` GROUP BY type, month`, append(margs, args...))
}

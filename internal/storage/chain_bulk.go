package storage

// Bulk loading of a synthetic chain history (`schakel demo --families`).
// Speed comes from: ids handed out in Go instead of RETURNING; big
// transactions; multi-row INSERTs on SQLite and COPY on PostgreSQL; phase
// runs computed in Go (by the demo, with chain.Compute), timed by the
// database's PhaseRules and written with the events; the secondary
// indexes (and on PostgreSQL the foreign keys) dropped during the load and
// built once at the end, which sorts each index once instead of updating it
// row by row.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"schakel/internal/chain"
)

// BulkFamily is a generated family.
type BulkFamily struct {
	ID           int64
	RegionID     int64
	Municipality string
	CreatedAt    time.Time
}

// BulkCase is a generated case with its phase runs.
type BulkCase struct {
	ID, FamilyID, RegionID int64
	Municipality           string
	Status, Color          string
	CreatedAt              time.Time
	ClosedAt               *time.Time
	Runs                   []chain.Run
}

// BulkParticipation is an organisation on a generated case.
type BulkParticipation struct {
	CaseID, OrganisationID int64
	Role                   string
	ContactID              int64 // 0: none
	JoinedAt               time.Time
}

// BulkEvent is a generated chain event.
type BulkEvent struct {
	ID, CaseID     int64
	Type           chain.Type
	At             time.Time
	EndsAt         *time.Time
	Measure        chain.Measure
	Color          string
	OrganisationID int64
	RegionID       int64
	Municipality   string
	Flags          int
	CareRequestID  int64 // the care events (issue 15)
}

// BulkBatch is what one transaction of a bulk load writes.
type BulkBatch struct {
	Families       []BulkFamily
	Cases          []BulkCase
	Participations []BulkParticipation
	Events         []BulkEvent
	CohortCases    [][2]int64 // cohort, case
	Reviews        []BulkReview
	CareRequests   []BulkCareRequest
	Contacts       []BulkContact
}

// Reset empties the batch for reuse.
func (b *BulkBatch) Reset() {
	b.Families, b.Cases, b.Participations, b.Events, b.CohortCases = b.Families[:0], b.Cases[:0], b.Participations[:0], b.Events[:0], b.CohortCases[:0]
	b.Reviews, b.CareRequests, b.Contacts = b.Reviews[:0], b.CareRequests[:0], b.Contacts[:0]
}

// BulkLoader writes batches of generated history.
type BulkLoader struct {
	db      *DB
	ctx     context.Context
	norms   map[int64]map[chain.PhaseID]*chain.Norm
	indexes []savedDDL
	fks     []savedDDL
	next    struct{ family, cases, event, cohort, review, care, contact int64 }
	done    bool
}

type savedDDL struct{ table, name, ddl string }

// bulkTables are the tables a bulk load writes; their secondary indexes
// are dropped for the load.
var bulkTables = []string{"families", "cases", "participations", "chain_events", "case_phases", "case_cohorts"}

// HasGeneratedHistory reports whether a synthetic history was loaded.
func (db *DB) HasGeneratedHistory(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM chain_events WHERE source = 'demo' LIMIT 1) x`).Scan(&n)
	return n > 0, err
}

// BeginBulk prepares the database for a bulk load. Finish must be called,
// also after an error, to build the indexes again.
func (db *DB) BeginBulk(ctx context.Context) (*BulkLoader, error) {
	b := &BulkLoader{db: db, ctx: ctx, norms: map[int64]map[chain.PhaseID]*chain.Norm{}}
	for _, t := range []struct {
		table string
		v     *int64
	}{{"families", &b.next.family}, {"cases", &b.next.cases}, {"chain_events", &b.next.event}, {"cohorts", &b.next.cohort},
		{"placement_reviews", &b.next.review}, {"care_requests", &b.next.care}, {"family_conversations", &b.next.contact}} {
		if err := db.write.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM `+t.table).Scan(t.v); err != nil {
			return nil, err
		}
	}
	if err := b.dropIndexes(); err != nil {
		b.Finish()
		return nil, err
	}
	return b, nil
}

// NextIDs hands out ids: the first of n families, cases and events.
func (b *BulkLoader) NextIDs(families, cases, events int) (family, cas, event int64) {
	family, cas, event = b.next.family, b.next.cases, b.next.event
	b.next.family += int64(families)
	b.next.cases += int64(cases)
	b.next.event += int64(events)
	return
}

// NextFamilyID, NextCaseID and NextEventID hand out one id each.
func (b *BulkLoader) NextFamilyID() int64 { b.next.family++; return b.next.family - 1 }

// NextCaseID hands out a case id.
func (b *BulkLoader) NextCaseID() int64 { b.next.cases++; return b.next.cases - 1 }

// NextEventID hands out an event id.
func (b *BulkLoader) NextEventID() int64 { b.next.event++; return b.next.event - 1 }

// AddCohort creates a cohort (or intervention) for generated cases.
func (b *BulkLoader) AddCohort(regionID int64, name, kind, description string) (int64, error) {
	return b.AddIntervention(regionID, name, kind, description, "", time.Time{})
}

// AddIntervention creates a cohort that tries one of article 001's
// interventions (intervention.Kind, "" for none) from starts (zero: no
// start date).
func (b *BulkLoader) AddIntervention(regionID int64, name, kind, description, intervention string, starts time.Time) (int64, error) {
	id := b.next.cohort
	b.next.cohort++
	var at any
	if !starts.IsZero() {
		at = starts.UTC()
	}
	_, err := b.db.write.ExecContext(b.ctx, b.db.dialect.rebind(`INSERT INTO cohorts (id, region_id, name, kind, description, intervention, starts_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), id, regionID, name, kind, description, intervention, at, b.db.Now().UTC())
	return id, err
}

func (b *BulkLoader) regionNorms(regionID int64) (map[chain.PhaseID]*chain.Norm, error) {
	if n, ok := b.norms[regionID]; ok {
		return n, nil
	}
	var out map[chain.PhaseID]*chain.Norm
	err := b.db.View(b.ctx, func(tx *Tx) error {
		var err error
		out, err = tx.regionNorms(regionID)
		return err
	})
	b.norms[regionID] = out
	return out, err
}

func (b *BulkLoader) dropIndexes() error {
	in := "'" + strings.Join(bulkTables, "', '") + "'"
	ctx := b.ctx
	if b.db.dialect.engine == SQLite {
		for _, p := range []string{"PRAGMA foreign_keys = OFF", "PRAGMA cache_size = -1000000", "PRAGMA temp_store = MEMORY", "PRAGMA synchronous = OFF"} {
			if _, err := b.db.write.ExecContext(ctx, p); err != nil {
				return err
			}
		}
		rows, err := b.db.write.QueryContext(ctx, `SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (`+in+`)`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var d savedDDL
			if err := rows.Scan(&d.table, &d.name, &d.ddl); err != nil {
				rows.Close()
				return err
			}
			b.indexes = append(b.indexes, d)
		}
		rows.Close()
	} else {
		rows, err := b.db.write.QueryContext(ctx, `SELECT t.relname, i.relname, pg_get_indexdef(i.oid) FROM pg_index x
			JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
			WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN (`+in+`) AND NOT x.indisprimary AND NOT x.indisunique`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var d savedDDL
			if err := rows.Scan(&d.table, &d.name, &d.ddl); err != nil {
				rows.Close()
				return err
			}
			b.indexes = append(b.indexes, d)
		}
		rows.Close()
		rows, err = b.db.write.QueryContext(ctx, `SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
			JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname IN (`+in+`)`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var d savedDDL
			if err := rows.Scan(&d.table, &d.name, &d.ddl); err != nil {
				rows.Close()
				return err
			}
			b.fks = append(b.fks, d)
		}
		rows.Close()
		for _, f := range b.fks {
			if _, err := b.db.write.ExecContext(ctx, `ALTER TABLE `+f.table+` DROP CONSTRAINT `+f.name); err != nil {
				return err
			}
		}
	}
	for _, d := range b.indexes {
		if _, err := b.db.write.ExecContext(ctx, `DROP INDEX `+d.name); err != nil {
			return err
		}
	}
	return nil
}

// Finish builds the indexes (and foreign keys) again, brings the
// PostgreSQL sequences past the ids handed out, and refreshes the planner
// statistics. onStep, when set, is told what it is doing.
func (b *BulkLoader) Finish() error { return b.FinishWith(nil) }

// FinishWith is Finish with a progress callback.
func (b *BulkLoader) FinishWith(onStep func(string)) error {
	if b.done {
		return nil
	}
	b.done = true
	ctx := context.WithoutCancel(b.ctx)
	step := func(s string) {
		if onStep != nil {
			onStep(s)
		}
	}
	var first error
	keep := func(err error) {
		if err != nil && first == nil {
			first = err
		}
	}
	for _, d := range b.indexes {
		step("index " + d.name)
		_, err := b.db.write.ExecContext(ctx, d.ddl)
		keep(err)
	}
	step("monthly roll-ups")
	keep(rebuildRollups(func(q string) error {
		_, err := b.db.write.ExecContext(ctx, q)
		return err
	}))
	step("waiting list for a case holder")
	keep(rebuildHolderWaiting(func(q string) error {
		_, err := b.db.write.ExecContext(ctx, q)
		return err
	}))
	if b.db.dialect.engine == SQLite {
		for _, p := range []string{"PRAGMA foreign_keys = ON", "PRAGMA cache_size = -2000", "PRAGMA synchronous = " + sqliteSynchronous, "PRAGMA temp_store = " + sqliteWriterTempStore} {
			_, err := b.db.write.ExecContext(ctx, p)
			keep(err)
		}
		step("analyze")
		_, err := b.db.write.ExecContext(ctx, `ANALYZE`)
		keep(err)
		_, err = b.db.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
		keep(err)
		return first
	}
	for _, f := range b.fks {
		step("foreign key " + f.name)
		_, err := b.db.write.ExecContext(ctx, `ALTER TABLE `+f.table+` ADD CONSTRAINT `+f.name+` `+f.ddl)
		keep(err)
	}
	for _, t := range []string{"families", "cases", "chain_events", "cohorts", "placement_reviews", "care_requests", "family_conversations"} {
		_, err := b.db.write.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM `+t+`), 1))`)
		keep(err)
	}
	for _, t := range bulkTables {
		step("vacuum analyze " + t)
		_, err := b.db.write.ExecContext(ctx, `VACUUM (ANALYZE) `+t)
		keep(err)
	}
	return first
}

func nullID(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

func nullTimePtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

func nullInt64(v sql.NullInt64) any {
	if !v.Valid {
		return nil
	}
	return v.Int64
}

// Write writes one batch in one transaction.
func (b *BulkLoader) Write(batch *BulkBatch) error {
	cas, ph, err := b.caseTables(batch.Cases)
	if err != nil {
		return err
	}
	events, err := eventTable(batch.Events)
	if err != nil {
		return err
	}
	tables := []bulkTable{familyTable(batch.Families), cas, participationTable(batch.Participations), events, ph,
		cohortTable(batch.CohortCases, b.db.Now().UTC())}
	tables = append(tables, reviewTables(batch.Reviews)...)
	care, err := careTables(batch.CareRequests)
	if err != nil {
		return err
	}
	tables = append(tables, care...)
	tables = append(tables, contactTables(batch.Contacts)...)
	if b.db.dialect.engine == Postgres {
		return b.copyPostgres(func(copyFn func(name string, cols []string, rows [][]any) error) error {
			for _, t := range tables {
				if len(t.rows) > 0 {
					if err := copyFn(t.name, t.cols, t.rows); err != nil {
						return fmt.Errorf("copy %s: %w", t.name, err)
					}
				}
			}
			return nil
		})
	}
	return b.writeSQLite(tables)
}

// writeSQLite inserts the tables' rows in one transaction.
func (b *BulkLoader) writeSQLite(tables []bulkTable) error {
	tx, err := b.db.write.BeginTx(b.ctx, nil)
	if err != nil {
		return err
	}
	stmts := map[string]*sql.Stmt{}
	defer func() {
		for _, s := range stmts {
			s.Close()
		}
	}()
	for _, t := range tables {
		if err := b.insertSQLite(tx, stmts, t.name, t.cols, t.rows); err != nil {
			tx.Rollback()
			return fmt.Errorf("insert %s: %w", t.name, err)
		}
	}
	return tx.Commit()
}

func familyTable(families []BulkFamily) bulkTable {
	t := bulkTable{name: "families", cols: []string{"id", "region_id", "municipality", "created_at"}}
	for _, f := range families {
		t.rows = append(t.rows, []any{f.ID, f.RegionID, f.Municipality, f.CreatedAt.UTC()})
	}
	return t
}

// caseTables are the cases and their phases, measured against their
// region's norms.
func (b *BulkLoader) caseTables(cases []BulkCase) (cas, ph bulkTable, err error) {
	cas = bulkTable{name: "cases", cols: []string{"id", "family_id", "region_id", "status", "color", "version", "created_at", "updated_at", "closed_at"}}
	ph = bulkTable{name: "case_phases", cols: []string{"case_id", "phase", "seq", "status", "start_min", "end_min", "due_min", "minutes", "bucket", "within",
		"end_month", "region_id", "municipality", "organisation_id", "warn_min"}}
	for _, c := range cases {
		updated := c.CreatedAt
		if c.ClosedAt != nil {
			updated = *c.ClosedAt
		}
		cas.rows = append(cas.rows, []any{c.ID, c.FamilyID, c.RegionID, c.Status, c.Color, 1, c.CreatedAt.UTC(), updated.UTC(), nullTimePtr(c.ClosedAt)})
		norms, err := b.regionNorms(c.RegionID)
		if err != nil {
			return cas, ph, err
		}
		for _, r := range c.Runs {
			p := b.db.phaseRow(c.ID, r, norms[r.Phase], c.RegionID, c.Municipality)
			ph.rows = append(ph.rows, []any{p.caseID, int64(p.phase), int64(p.seq), int64(p.status), p.startMin, nullInt64(p.endMin), nullInt64(p.dueMin),
				nullInt64(p.minutes), nullInt64(p.bucket), nullInt64(p.within), nullInt64(p.endMonth), p.regionID, p.municipality, p.organisationID,
				nullInt64(p.warnMin)})
		}
	}
	return cas, ph, nil
}

func participationTable(participations []BulkParticipation) bulkTable {
	t := bulkTable{name: "participations", cols: []string{"case_id", "organisation_id", "role", "status", "contact_id", "joined_at"}}
	for _, p := range participations {
		t.rows = append(t.rows, []any{p.CaseID, p.OrganisationID, p.Role, "active", nullID(p.ContactID), p.JoinedAt.UTC()})
	}
	return t
}

func eventTable(events []BulkEvent) (bulkTable, error) {
	t := bulkTable{name: "chain_events", cols: []string{"id", "case_id", "type", "at", "ends_at", "details", "organisation_id", "source", "superseded", "withdrawn",
		"region_id", "municipality", "month", "flags", "created_at"}}
	for _, e := range events {
		details := ""
		if e.Measure != "" || e.Color != "" || e.CareRequestID != 0 {
			// Care start and end are days, as the live path records them.
			dateOnly := e.Type == chain.CareStarted || e.Type == chain.CareEnded
			d, err := json.Marshal(EventDetails{Measure: e.Measure, EndsAt: e.EndsAt, Color: e.Color, CareRequestID: e.CareRequestID,
				DateOnly: dateOnly})
			if err != nil {
				return t, fmt.Errorf("details of generated event %d: %w", e.ID, err)
			}
			details = string(d)
		}
		at := e.At.UTC()
		t.rows = append(t.rows, []any{e.ID, e.CaseID, string(e.Type), at, nullTimePtr(e.EndsAt), details, nullID(e.OrganisationID), SourceDemo, false, false,
			e.RegionID, e.Municipality, int64(monthOf(at)), int64(e.Flags), at})
	}
	return t, nil
}

func cohortTable(cohortCases [][2]int64, now time.Time) bulkTable {
	t := bulkTable{name: "case_cohorts", cols: []string{"cohort_id", "case_id", "added_at"}}
	for _, cc := range cohortCases {
		t.rows = append(t.rows, []any{cc[0], cc[1], now})
	}
	return t
}

// insertSQLite writes rows with multi-row INSERTs of up to 32766 values;
// the statement for a full chunk is prepared once per transaction.
func (b *BulkLoader) insertSQLite(tx *sql.Tx, stmts map[string]*sql.Stmt, table string, cols []string, rows [][]any) error {
	per := min(32766/len(cols), 1000)
	args := make([]any, 0, per*len(cols))
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		args = args[:0]
		for _, r := range rows[start:end] {
			args = append(args, r...)
		}
		n := end - start
		key := fmt.Sprintf("%s/%d", table, n)
		stmt, ok := stmts[key]
		if !ok {
			one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
			q := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES ` + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
			var err error
			if stmt, err = tx.PrepareContext(b.ctx, q); err != nil {
				return err
			}
			stmts[key] = stmt
		}
		if _, err := stmt.ExecContext(b.ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// copyPostgres runs fn in one transaction on a pgx connection, with COPY.
func (b *BulkLoader) copyPostgres(fn func(copyFn func(name string, cols []string, rows [][]any) error) error) error {
	conn, err := b.db.write.Conn(b.ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(b.ctx)
		if err != nil {
			return err
		}
		err = fn(func(name string, cols []string, rows [][]any) error {
			_, err := tx.CopyFrom(b.ctx, pgx.Identifier{name}, cols, pgx.CopyFromRows(rows))
			return err
		})
		if err != nil {
			tx.Rollback(b.ctx)
			return err
		}
		return tx.Commit(b.ctx)
	})
}

// StorageSize returns the size of the database in bytes (SQLite: the file
// and its WAL; PostgreSQL: pg_database_size).
func (db *DB) StorageSize(ctx context.Context) (int64, error) {
	if db.dialect.engine == Postgres {
		var n int64
		err := db.read.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
		return n, err
	}
	var pages, size int64
	if err := db.read.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		return 0, err
	}
	if err := db.read.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&size); err != nil {
		return 0, err
	}
	return pages * size, nil
}

// VerifyPhases derives the phase runs of up to limit cases (spread over
// all of them) again from their events and compares them with the stored
// ones: a check that a bulk load (or anything else) left case_phases as
// recording events would.
func (db *DB) VerifyPhases(ctx context.Context, limit int) error {
	return db.View(ctx, func(tx *Tx) error {
		var n int64
		if err := tx.queryRow(`SELECT COUNT(*) FROM cases`).Scan(&n); err != nil {
			return err
		}
		step := max(n/int64(max(limit, 1)), 1)
		rows, err := tx.query(`SELECT id FROM cases WHERE id % ? = 0 ORDER BY id LIMIT ?`, step, limit)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			evs, err := tx.caseEvents(id, `e.superseded = FALSE AND e.withdrawn = FALSE`)
			if err != nil {
				return err
			}
			facts, err := tx.caseFacts(id)
			if err != nil {
				return err
			}
			norms, err := tx.regionNorms(facts.regionID)
			if err != nil {
				return err
			}
			rules := make([]chain.Event, len(evs))
			for i, e := range evs {
				rules[i] = e.rule()
			}
			want := map[string]bool{}
			for _, r := range tx.db.phases.Runs(rules) {
				want[fmt.Sprint(tx.db.phaseRow(id, r, norms[r.Phase], facts.regionID, facts.municipality).args())] = true
			}
			got, err := tx.storedPhases(id)
			if err != nil {
				return err
			}
			for _, p := range got {
				if !want[fmt.Sprint(p.args())] {
					return fmt.Errorf("case %d: stored phase run %v is not what its events give", id, p.args())
				}
			}
			if len(got) != len(want) {
				return fmt.Errorf("case %d: %d phase runs stored, its events give %d", id, len(got), len(want))
			}
		}
		return nil
	})
}

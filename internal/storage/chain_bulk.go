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
	"strings"
	"time"

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

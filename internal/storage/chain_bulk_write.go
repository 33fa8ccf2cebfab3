package storage

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"schakel/internal/chain"
)

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

package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"schakel/internal/audit"
	"schakel/internal/bsn"
	"schakel/internal/matching"
)

// The functions below exist for benchmarks only: they give the bare cost
// that the real, audited paths are compared with.

// CaseUnaudited loads a case without the access check and audit entry.
func (db *DB) CaseUnaudited(ctx context.Context, id int64) error {
	return db.View(ctx, func(tx *Tx) error {
		_, err := tx.LoadCase(id) // read as the audited path reads it
		return err
	})
}

// MatchOnly runs family matching for one person, without filing anything:
// the matches, how many candidates were scored and whether a key was capped.
func (db *DB) MatchOnly(ctx context.Context, regionID int64, q matching.Person) (out []matching.Match, n int, capped bool, err error) {
	out, n, _, capped, err = db.MatchOnlyScored(ctx, regionID, q)
	return out, n, capped, err
}

// MatchOnlyScored is MatchOnly that also counts the candidates Rank
// scores: the plausible ones (matching.Plausible) of those read.
func (db *DB) MatchOnlyScored(ctx context.Context, regionID int64, q matching.Person) (out []matching.Match, read, scored int, capped bool, err error) {
	err = db.View(ctx, func(tx *Tx) error {
		cands, c, err := tx.MatchCandidates(regionID, matching.Keys(q))
		if err != nil {
			return err
		}
		persons := make([]matching.Person, len(cands))
		for i, c := range cands {
			persons[i] = c.Person
			if matching.Plausible(q, c.Person) {
				scored++
			}
		}
		out, read, capped = matching.Rank(q, persons), len(cands), c
		return nil
	})
	return out, read, scored, capped, err
}

// SeedPersons bulk-loads n synthetic persons (with matching keys) with
// Dutch name frequencies (dutchnames_test.go) in families of four, in
// batches. It returns every 1,000th of them to search for.
func (db *DB) SeedPersons(ctx context.Context, regionID int64, n int, seed uint64) ([]matching.Person, error) {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	pop := newDutchPopulation(seed)
	var sample []matching.Person
	now := time.Now().UTC()
	const batch = 400
	usedBSN := map[string]bool{}
	for done := 0; done < n; done += batch {
		err := db.Update(ctx, func(tx *Tx) error {
			m := min(batch, n-done)
			fam, err := tx.insert(`INSERT INTO families (region_id, municipality, created_at) VALUES (?, 'Rotterdam', ?)`, regionID, now)
			if err != nil {
				return err
			}
			var prow []string
			var pargs []any
			people := make([]matching.Person, m)
			for i := range m {
				if i > 0 && i%4 == 0 {
					if fam, err = tx.insert(`INSERT INTO families (region_id, municipality, created_at) VALUES (?, 'Rotterdam', ?)`, regionID, now); err != nil {
						return err
					}
				}
				var p matching.Person
				p.GivenNames, p.FamilyName, p.BirthDate = pop.person()
				if r.IntN(3) == 0 {
					// A BSN is unique in a region (persons_region_bsn).
					for p.BSN = bsn.Generate(r); usedBSN[p.BSN]; p.BSN = bsn.Generate(r) {
					}
					usedBSN[p.BSN] = true
				}
				people[i] = p
				prow = append(prow, "(?, ?, 'child', ?, ?, ?, ?, ?)")
				var b any
				if p.BSN != "" {
					b = p.BSN
				}
				pargs = append(pargs, fam, regionID, p.GivenNames, p.FamilyName, p.BirthDate, b, now)
			}
			rows, err := tx.query(`INSERT INTO persons (family_id, region_id, kind, given_names, family_name, birth_date, bsn, created_at) VALUES `+
				strings.Join(prow, ",")+` RETURNING id`, pargs...)
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
			var krow []string
			var kargs []any
			for i, id := range ids {
				p := people[i]
				var b any
				if p.BSN != "" {
					b = p.BSN
				}
				for _, k := range matching.Keys(p) {
					krow = append(krow, "(?, ?, ?, ?, ?, ?, ?)")
					kargs = append(kargs, k, id, regionID, b, p.GivenNames, p.FamilyName, p.BirthDate)
				}
			}
			if _, err := tx.exec(`INSERT INTO person_keys (key, person_id, region_id, bsn, given_names, family_name, birth_date) VALUES `+
				strings.Join(krow, ",")+` ON CONFLICT DO NOTHING`, kargs...); err != nil {
				return err
			}
			for i := range ids {
				if (done+i)%1000 == 0 {
					p := people[i]
					p.ID = ids[i]
					sample = append(sample, p)
				}
			}
			return nil
		})
		if err != nil {
			return sample, fmt.Errorf("seed at %d: %w", done, err)
		}
	}
	// A live database has planner statistics and, on PostgreSQL, a
	// visibility map that lets index-only scans skip the table (autovacuum
	// vacuums insert-only tables too); a bulk load of minutes outruns it,
	// and the planner would plan for empty tables.
	if db.dialect.engine == Postgres {
		_, err := db.write.ExecContext(ctx, `VACUUM (ANALYZE) persons, person_keys`)
		return sample, err
	}
	err := db.Update(ctx, func(tx *Tx) error {
		_, err := tx.exec(`ANALYZE`)
		return err
	})
	return sample, err
}

// ExplainCandidates returns the plan of matching's candidate query for q
// (PostgreSQL: EXPLAIN ANALYZE; SQLite: EXPLAIN QUERY PLAN).
func (db *DB) ExplainCandidates(ctx context.Context, regionID int64, q matching.Person) (string, error) {
	var plan []string
	err := db.View(ctx, func(tx *Tx) error {
		keys := matching.Keys(q)
		args := make([]any, 0, len(keys)+1)
		for _, k := range keys {
			args = append(args, k)
		}
		prefix := "EXPLAIN QUERY PLAN "
		if db.dialect.engine == Postgres {
			prefix = "EXPLAIN (ANALYZE, BUFFERS) "
		}
		rows, err := tx.queryDirect(prefix+candidateQuery(len(keys)), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			plan = append(plan, fmt.Sprint(vals[len(vals)-1]))
		}
		return rows.Err()
	})
	return strings.Join(plan, "\n"), err
}

// KnowPersonForTest makes organisation orgID take part in a case of a
// person with the given id (created when absent), for access-log tests
// that work with fixed person ids.
func (db *DB) KnowPersonForTest(ctx context.Context, orgID, createdBy, personID int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		var region int64
		if err := tx.queryRow(`SELECT region_id FROM organisations WHERE id = ?`, orgID).Scan(&region); err != nil {
			return err
		}
		fam, err := tx.insert(`INSERT INTO families (region_id, municipality, created_at) VALUES (?, 'Rotterdam', ?)`, region, tx.now)
		if err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM persons WHERE id = ?`, personID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			if _, err := tx.exec(`INSERT INTO persons (id, family_id, kind, given_names, family_name, created_at) VALUES (?, ?, 'child', 'Test', 'Persoon', ?)`,
				personID, fam, tx.now); err != nil {
				return err
			}
		}
		caseID, err := tx.insert(`INSERT INTO cases (family_id, region_id, status, color, version, created_at, updated_at) VALUES (?, ?, 'open', 'green', 1, ?, ?)`,
			fam, region, tx.now, tx.now)
		if err != nil {
			return err
		}
		if err := tx.JoinCase(caseID, orgID, createdBy); err != nil {
			return err
		}
		rep, err := tx.insert(`INSERT INTO reports (case_id, family_id, organisation_id, created_by, form_version, reporter_kind, received_at,
			municipality, narrative, assessment_due_at, created_at) VALUES (?, ?, ?, ?, 1, 'anonymous', ?, 'Rotterdam', 'test', ?, ?)`,
			caseID, fam, orgID, createdBy, tx.now, tx.now, tx.now)
		if err != nil {
			return err
		}
		_, err = tx.exec(`INSERT INTO report_persons (report_id, person_id, relation, parental_authority, position) VALUES (?, ?, 'child', FALSE, 0)`, rep, personID)
		return err
	})
}

// DetailOnly makes the dashboards' reads in tx use the detail tables alone,
// without the monthly roll-ups: what the roll-ups must reproduce.
func (tx *Tx) DetailOnly() { tx.noRollup = true }

// AuditEntriesFrom reads the trail from seq on, as an attacker with
// database access could, to rewrite it in a test.
func (db *DB) AuditEntriesFrom(ctx context.Context, seq int64) ([]audit.Entry, error) {
	var out []audit.Entry
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.listAudit(`SELECT `+auditColumns+` FROM audit_log a`+auditSeals+` WHERE a.seq >= ? ORDER BY a.seq`, seq)
		return err
	})
	return out, err
}

// LimitNormItems lowers the number of norm alerts in a work list for a
// test; the returned function restores it.
func LimitNormItems(n int) (restore func()) {
	old := normItemsLimit
	normItemsLimit = n
	return func() { normItemsLimit = old }
}

// Synchronous returns SQLite's synchronous setting on the writing
// connection: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
func (db *DB) Synchronous(ctx context.Context) (int, error) {
	var n int
	err := db.write.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&n)
	return n, err
}

// WriterTempStore returns SQLite's temp_store setting on the writing
// connection: 0 DEFAULT, 1 FILE, 2 MEMORY.
func (db *DB) WriterTempStore(ctx context.Context) (int, error) {
	var n int
	err := db.write.QueryRowContext(ctx, `PRAGMA temp_store`).Scan(&n)
	return n, err
}

// SetSynchronous changes SQLite's synchronous setting on the writing
// connection (the only one that writes, kept open for good), so that a
// benchmark can compare FULL with NORMAL in one run.
func (db *DB) SetSynchronous(ctx context.Context, mode string) error {
	_, err := db.write.ExecContext(ctx, `PRAGMA synchronous = `+mode)
	return err
}

// GroupCommand is one command of a group run by RunGroup.
type GroupCommand struct {
	Ctx context.Context
	Fn  func(tx *Tx) error
}

// GroupOutcome is what RunGroup tells the caller of one command.
type GroupOutcome struct {
	Err   error
	Panic any
}

// RunGroup runs cmds as one group of the SQLite group committer, as if
// they had queued together, and returns each one's outcome.
func (db *DB) RunGroup(cmds ...GroupCommand) []GroupOutcome {
	jobs := make([]*groupJob, len(cmds))
	for i, c := range cmds {
		jobs[i] = &groupJob{ctx: c.Ctx, fn: c.Fn, result: make(chan groupResult, 1)}
	}
	db.runGroup(jobs)
	out := make([]GroupOutcome, len(jobs))
	for i, j := range jobs {
		r := <-j.result
		out[i] = GroupOutcome{Err: r.err, Panic: r.panicked}
	}
	return out
}

// FamiliesIn counts the families of a municipality as this transaction
// sees them.
func (tx *Tx) FamiliesIn(municipality string) (n int, err error) {
	err = tx.queryRow(`SELECT COUNT(*) FROM families WHERE municipality = ?`, municipality).Scan(&n)
	return n, err
}

// EndTransactionForTest rolls the transaction back under its runner, as
// an engine does when a statement fails hard (disk full, I/O error).
func (tx *Tx) EndTransactionForTest() error {
	_, err := tx.tx.ExecContext(tx.ctx, `ROLLBACK`)
	return err
}

// ExecForTest runs one statement in the transaction, for a test that
// changes rows no command of Schakel changes that way.
func (tx *Tx) ExecForTest(q string, args ...any) error {
	_, err := tx.exec(q, args...)
	return err
}

// SettingForTest is a PostgreSQL setting as this transaction has it.
func (tx *Tx) SettingForTest(name string) (v string, err error) {
	err = tx.queryRow(`SELECT current_setting(?)`, name).Scan(&v)
	return v, err
}

// CheckpointInWriterForTest stops the checkpointer and lets the writer
// checkpoint at commit as SQLite does by default, for benchmarks that
// compare both.
func (db *DB) CheckpointInWriterForTest(ctx context.Context) error {
	if err := db.stopCheckpointer(); err != nil {
		return err
	}
	db.checkpoint = nil
	return db.Update(ctx, func(tx *Tx) error { return tx.ExecForTest(`PRAGMA wal_autocheckpoint = 1000`) })
}

// CheckpointedCommits reports how many of the writer's commits there were,
// how many of them a finished checkpoint covered and how many checkpoints
// failed.
func (db *DB) CheckpointedCommits() (commits, covered, failures int64) {
	if c := db.checkpoint; c != nil {
		return c.commits.Load(), c.covered.Load(), c.failures.Load()
	}
	return 0, 0, 0
}

// WALBytes is the size of SQLite's write-ahead log file.
func (db *DB) WALBytes() (int64, error) {
	path := strings.TrimPrefix(strings.TrimPrefix(db.dsn, "sqlite://"), "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	fi, err := os.Stat(path + "-wal")
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// WriterAutocheckpoint is SQLite's wal_autocheckpoint on the writing
// connection: after how many log pages a commit checkpoints (0: never).
func (db *DB) WriterAutocheckpoint(ctx context.Context) (int, error) {
	var n int
	err := db.write.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&n)
	return n, err
}

// QueryRowForTest runs one query of a test in this transaction.
func (tx *Tx) QueryRowForTest(q string, args ...any) interface{ Scan(...any) error } {
	return tx.queryRow(q, args...)
}

// SQLiteWriterCheckpointPages is the writer's wal_autocheckpoint.
const SQLiteWriterCheckpointPages = sqliteWriterCheckpointPages

// CheckpointNowForTest runs the checkpointer's checkpoint at once.
func (db *DB) CheckpointNowForTest() error {
	if db.checkpoint == nil {
		return nil
	}
	db.checkpoint.run()
	if _, _, f := db.CheckpointedCommits(); f > 0 {
		return fmt.Errorf("%d checkpoints failed", f)
	}
	return nil
}

// StatementStartForTest is the start of the transaction the statement
// runs in (PostgreSQL's now()), read after a pause of 2 ms: two calls
// return the same moment only inside one transaction.
func (tx *Tx) StatementStartForTest() (at time.Time, err error) {
	err = tx.queryRow(`SELECT now() FROM (SELECT pg_sleep(0.002)) pause`).Scan(&at)
	return at, err
}

// ConnsForTest is the most connections of the writing pool and of the
// audited reads' pool (0 when it has no share), on PostgreSQL.
func (db *DB) ConnsForTest() (write, reads int) {
	pool, _ := db.AuditedReadStats()
	return db.write.Stats().MaxOpenConnections, pool.MaxOpenConnections
}

// ForgetRerunsForTest sets the count of audited reads run again to zero,
// for a test that made them on purpose (storagetest fails on any).
func (db *DB) ForgetRerunsForTest() { db.auditedReruns.Store(0) }

// AnalyzeForTest gathers PostgreSQL's planner statistics, as autovacuum
// does in production after many inserts: a benchmark that seeded a fresh
// database measures plans made without them otherwise. SQLite has none
// unless asked, and Schakel does not ask.
func (db *DB) AnalyzeForTest(ctx context.Context) error {
	if db.dialect.engine != Postgres {
		return nil
	}
	_, err := db.write.ExecContext(ctx, "ANALYZE")
	return err
}

// SeedSessionsForTest stores n live browser sessions of a professional,
// as a region's professionals keep them through a working day, in one
// statement.
func (db *DB) SeedSessionsForTest(ctx context.Context, professionalID int64, n int) error {
	now := db.Now().UTC()
	_, err := db.write.ExecContext(ctx, db.dialect.rebind(`WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < ?)
		INSERT INTO sessions (id_hash, professional_id, created_at, last_seen_at, expires_at, principal_kind, principal_id)
		SELECT 'seeded-' || CAST(n AS TEXT), ?, ?, ?, ?, 'professional', ? FROM i`),
		n, professionalID, now, now, now.Add(8*time.Hour), professionalID)
	return err
}

// DropIndexForTest drops an index, so that a benchmark can compare a
// statement with and without it in one run.
func (db *DB) DropIndexForTest(ctx context.Context, name string) error {
	_, err := db.write.ExecContext(ctx, "DROP INDEX "+name)
	return err
}

// PoolWaitsForTest returns how often a caller waited in the shared pool
// itself, not at a gate in front of it.
func (db *DB) PoolWaitsForTest() int64 { return db.write.Stats().WaitCount }

package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"schakel"
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

// BareInsert writes the rows of one intake without any rules: the floor
// the intake is compared with (issue 11: "the bare insert of the same
// rows"). An orange report's rows: its family, case, participation,
// report and rating, two persons with nine matching keys each, their
// links, two phase runs, two events and their roll-up, one audit entry
// naming both persons. With invitees (a red report's crisis table) also
// the consultation, eight needs, a participant, a notice and an e-mail
// with its calendar for each invitee, a third phase run and event, and a
// second audit entry. Values are constants of the intake's sizes; nothing
// is read, matched, rated or rendered. Its statements are written as the
// intake's are, several rows each and the kept writes at commit, so that
// the two differ only by the intake's work. TestBareInsertWritesAnIntakesRows
// holds the two equal, table by table.
func (db *DB) BareInsert(ctx context.Context, actor *schakel.Actor, i int64, invitees []int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		me := actor.Professional
		region, org, now := me.Organisation.RegionID, me.Organisation.ID, tx.now
		fam, err := tx.insert(`INSERT INTO families (region_id, municipality, created_at) VALUES (?, 'Rotterdam', ?)`, region, now)
		if err != nil {
			return err
		}
		color := "orange"
		if len(invitees) > 0 {
			color = "red"
		}
		caseID, err := tx.insert(`INSERT INTO cases (family_id, region_id, status, color, version, created_at, updated_at) VALUES (?, ?, 'open', ?, 1, ?, ?)`,
			fam, region, color, now, now)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO participations (case_id, organisation_id, role, status, contact_id, joined_at) VALUES (?, ?, 'regie', 'active', ?, ?)`,
			caseID, org, me.ID, now); err != nil {
			return err
		}
		rep, err := tx.insert(`INSERT INTO reports (case_id, family_id, organisation_id, created_by, form_version, reporter_kind, reporter_name,
			received_at, municipality, concerns, indicators, finances, narrative, assessment_due_at, created_at)
			VALUES (?, ?, ?, ?, 1, 'police', 'Agent Bench', ?, 'Rotterdam', 'domestic_violence', 'witnessed_domestic_violence', '{}',
			'Politie werd gebeld door buren na ruzie.', ?, ?)`, caseID, fam, org, me.ID, now, now, now)
		if err != nil {
			return err
		}
		birth := []time.Time{time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(1982, 3, 1, 0, 0, 0, 0, time.UTC)}
		name := func(k int) string { return fmt.Sprint("Bench", i, "x", k) }
		persons, err := tx.queryIDs(`INSERT INTO persons (family_id, region_id, kind, given_names, family_name, birth_date, bsn, created_at)
			VALUES (?, ?, 'child', ?, 'Bench', ?, NULL, ?), (?, ?, 'adult', ?, 'Bench', ?, NULL, ?) RETURNING id`,
			fam, region, name(0), birth[0], now, fam, region, name(1), birth[1], now)
		if err != nil {
			return err
		}
		const keysPerPerson = 9
		var keys, links []any
		for k, pid := range persons {
			for j := range keysPerPerson {
				keys = append(keys, fmt.Sprint("k", j, ":", pid), pid, region, nil, name(k), "Bench", birth[k])
			}
			links = append(links, rep, pid, []string{"", "parent"}[k], k == 1, k)
		}
		if _, err := tx.exec(`INSERT INTO person_keys (key, person_id, region_id, bsn, given_names, family_name, birth_date) VALUES `+
			rowsOf(len(keys)/7, 7), keys...); err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO report_persons (report_id, person_id, relation, parental_authority, position) VALUES `+
			rowsOf(len(persons), 5), links...); err != nil {
			return err
		}
		if _, err := tx.insert(`INSERT INTO ratings (case_id, report_id, color, proposed_color, reasons, reason, status, created_at)
			VALUES (?, ?, ?, ?, ?, '', 'proposed', ?)`, caseID, rep, color, color, strings.Repeat("r", 100), now); err != nil {
			return err
		}
		phases := []int{2, 10}
		events := []any{"report_received", `{"report_id":1}`, "rated", `{"color":"` + color + `"}`}
		if len(invitees) > 0 {
			consultation, err := tx.bareCrisisTable(caseID, invitees)
			if err != nil {
				return err
			}
			phases = append([]int{1}, phases...)
			events = append(events, "consultation_planned", fmt.Sprintf(`{"consultation_id":%d}`, consultation))
			tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "consultation", ResourceID: fmt.Sprint(consultation),
				AccessBasis: audit.BasisRole, Detail: "crisis table planned"})
		}
		if err := tx.bareKeptWrites(caseID, region, org, me.ID, phases, events); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "report", ResourceID: fmt.Sprint(rep),
			AccessBasis: audit.BasisRole, Persons: persons, Detail: "case " + fmt.Sprint(caseID) + ", colour " + color})
		return nil
	})
}

// bareCrisisTable writes a red report's crisis table for BareInsert: the
// consultation, its needs, and per invitee a participant, notice and e-mail.
func (tx *Tx) bareCrisisTable(caseID int64, invitees []int64) (int64, error) {
	now := tx.now
	id, err := tx.insert(`INSERT INTO consultations (case_id, kind, status, scheduled_at, due_at, missing, created_by, created_at,
		invitations_held_until, location_mode, place, phone, video_url) VALUES (?, 'crisis', 'planned', ?, ?, '', NULL, ?, NULL, '', '', '', '')`,
		caseID, now.Add(2*time.Hour), now.Add(5*time.Hour), now)
	if err != nil {
		return 0, err
	}
	const needs = 8
	var needArgs []any
	for n := range needs {
		needArgs = append(needArgs, id, fmt.Sprint("role:need-", n), n, "urgent", "indicator:bench", strings.Repeat("n", 100), now)
	}
	if _, err := tx.exec(`INSERT INTO consultation_needs (consultation_id, need, position, urgency, rules, reason, added_at) VALUES `+
		rowsOf(needs, 7), needArgs...); err != nil {
		return 0, err
	}
	var parts, notes, mails []any
	for _, p := range invitees {
		parts = append(parts, id, p, strings.Repeat("c", 31), strings.Repeat("w", 118), now)
		notes = append(notes, p, "invitation", caseID, id, strings.Repeat("u", 93), now)
		mails = append(mails, p, "bench@schakel.example", strings.Repeat("s", 30), strings.Repeat("b", 286), strings.Repeat("i", 653), now)
	}
	n := len(invitees)
	if _, err := tx.exec(`INSERT INTO consultation_participants (consultation_id, professional_id, covers, reasons, invited_at) VALUES `+
		rowsOf(n, 5), parts...); err != nil {
		return 0, err
	}
	if _, err := tx.exec(`INSERT INTO notifications (professional_id, kind, case_id, consultation_id, text, created_at) VALUES `+
		rowsOf(n, 6), notes...); err != nil {
		return 0, err
	}
	_, err = tx.exec(`INSERT INTO outbox (professional_id, to_address, subject, body, ics, created_at) VALUES `+rowsOf(n, 6), mails...)
	return id, err
}

// bareKeptWrites keeps BareInsert's phase runs, events and event roll-up
// for the commit, as the intake's are kept (commit_writes.go).
func (tx *Tx) bareKeptWrites(caseID, region, org, by int64, phases []int, events []any) error {
	now := tx.now
	month := now.Year()*100 + int(now.Month())
	var phaseArgs []any
	for _, p := range phases {
		phaseArgs = append(phaseArgs, caseID, p, 1, 0, 29938701, nil, 29949060, nil, nil, nil, nil, region, "Rotterdam", org, 29946470)
	}
	if err := tx.execAtCommit(commitWrite{stmt: `INSERT INTO case_phases (` + phaseColumns + `) VALUES ` + rowsOf(len(phases), 15), args: phaseArgs}); err != nil {
		return err
	}
	var eventArgs, rollupArgs []any
	for e := 0; e < len(events); e += 2 {
		eventArgs = append(eventArgs, caseID, events[e], now, nil, events[e+1], org, by, "schakel", nil, "", false,
			region, "Rotterdam", month, 0, now)
	}
	// Of these events the roll-up counts the report alone.
	rollupArgs = append(rollupArgs, month, "report_received", region, org, "Rotterdam", 1, 0, 0, 0)
	if err := tx.execAtCommit(commitWrite{stmt: `INSERT INTO chain_events (` + eventColumns + `) VALUES ` + rowsOf(len(events)/2, 16), args: eventArgs}); err != nil {
		return err
	}
	return tx.upsertRollup(`INSERT INTO event_rollup (month, type, region_id, organisation_id, municipality, shard, n, repeats, screened, debts) VALUES `,
		`(?, ?, ?, ?, ?, `+tx.rollupShard()+`, ?, ?, ?, ?)`, 9, `
		ON CONFLICT (month, type, region_id, organisation_id, municipality, shard) DO UPDATE SET n = event_rollup.n + excluded.n`, rollupArgs)
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
		out, err = tx.listAudit(`SELECT `+auditColumns+` FROM audit_log WHERE seq >= ? ORDER BY seq`, seq)
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

// CaseEntryAfterRead models, for BenchmarkAuditedReadOrder only, the
// audited read that DESIGN.md's rule forbids: the guard's facts and the
// case read in a read-only transaction, then the audit entry committed in
// a transaction of its own before the caller gets the rows. It runs the
// statements of the audited read (the guard's facts, the case, the entry)
// and skips the access decision, which reads nothing, so that the
// benchmark shows what the order of read and entry costs and nothing else.
func (db *DB) CaseEntryAfterRead(ctx context.Context, actor *schakel.Actor, id int64) error {
	var persons []int64
	if err := db.View(ctx, func(tx *Tx) error {
		_, p, err := tx.CaseGuardFacts(actor.Professional, id)
		if err != nil {
			return err
		}
		persons = p
		_, err = tx.LoadCase(id)
		return err
	}); err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error {
		tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: fmt.Sprint(id),
			AccessBasis: audit.BasisParticipation, Persons: persons})
		return nil
	})
}

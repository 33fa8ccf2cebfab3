package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// TestGroupCommitKeepsEachCommandApart runs five commands as one group of
// SQLite's group committer: one that succeeds, one that fails, one that is
// refused, one that panics and one that reads what the first wrote. Only
// the first and the last stay, the refusal keeps only its audit entry, and
// each caller hears its own outcome.
func TestGroupCommitKeepsEachCommandApart(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		if env.engine != storage.SQLite {
			t.Skip("PostgreSQL commits side by side; there is no group committer")
		}
		ctx, db := context.Background(), env.db
		org := fxOrg(t, db, schakel.VeiligThuis)
		me := fxActor(fxPro(t, db, org, schakel.RoleIntake))
		entriesBefore := fxCount(t, db)
		groupsBefore, commandsBefore := db.GroupCommitStats()
		insert := func(place string) func(tx *storage.Tx) error {
			return func(tx *storage.Tx) error {
				_, err := tx.InsertFamily(org.RegionID, place)
				return err
			}
		}
		var seen int
		out := db.RunGroup(
			storage.GroupCommand{Ctx: ctx, Fn: insert("Ok")},
			storage.GroupCommand{Ctx: ctx, Fn: func(tx *storage.Tx) error {
				if err := insert("Failed")(tx); err != nil {
					return err
				}
				return errors.New("boom")
			}},
			storage.GroupCommand{Ctx: ctx, Fn: func(tx *storage.Tx) error {
				if err := insert("Refused")(tx); err != nil {
					return err
				}
				tx.Audit(me, audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: "7", AccessBasis: audit.BasisRole})
				d := access.Decision{Allowed: false, Basis: audit.BasisNone, Reason: "test refusal"}
				tx.AuditDecision(me, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "case", ResourceID: "7"})
				return tx.Refuse(d)
			}},
			storage.GroupCommand{Ctx: ctx, Fn: func(tx *storage.Tx) error {
				if err := insert("Panicked")(tx); err != nil {
					return err
				}
				panic("command panics")
			}},
			storage.GroupCommand{Ctx: ctx, Fn: func(tx *storage.Tx) error {
				n, err := tx.FamiliesIn("Ok")
				seen = n
				if err != nil {
					return err
				}
				return insert("Ok")(tx)
			}},
		)
		if out[0].Err != nil || out[4].Err != nil {
			t.Fatalf("the good commands failed: %v, %v", out[0].Err, out[4].Err)
		}
		if out[1].Err == nil || out[1].Err.Error() != "boom" {
			t.Errorf("failing command: %v, want boom", out[1].Err)
		}
		fxWantCode(t, out[2].Err, schakel.EFORBIDDEN)
		if out[3].Panic != "command panics" {
			t.Errorf("panicking command: %v, want its panic", out[3].Panic)
		}
		if seen != 1 {
			t.Errorf("the last command saw %d families of the first, want 1", seen)
		}
		for place, want := range map[string]int{"Ok": 2, "Failed": 0, "Refused": 0, "Panicked": 0} {
			if got := familiesIn(t, env, place); got != want {
				t.Errorf("families in %s = %d, want %d", place, got, want)
			}
		}
		if got := fxCount(t, db); got != entriesBefore+1 {
			t.Errorf("audit entries = %d, want %d (the refusal only)", got, entriesBefore+1)
		}
		groups, commands := db.GroupCommitStats()
		if groups-groupsBefore < 1 || commands-commandsBefore < 5 {
			t.Errorf("stats moved by %d groups and %d commands, want at least 1 and 5", groups-groupsBefore, commands-commandsBefore)
		}
	})
}

// TestGroupCommitSkipsACancelledCommand: a command whose caller gave up
// before its turn does not run; the others do.
func TestGroupCommitSkipsACancelledCommand(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		if env.engine != storage.SQLite {
			t.Skip("no group committer on PostgreSQL")
		}
		org := fxOrg(t, env.db, schakel.VeiligThuis)
		gone, cancel := context.WithCancel(context.Background())
		cancel()
		ran := false
		out := env.db.RunGroup(
			storage.GroupCommand{Ctx: gone, Fn: func(tx *storage.Tx) error { ran = true; return nil }},
			storage.GroupCommand{Ctx: context.Background(), Fn: func(tx *storage.Tx) error {
				_, err := tx.InsertFamily(org.RegionID, "After")
				return err
			}},
		)
		if ran || !errors.Is(out[0].Err, context.Canceled) {
			t.Errorf("cancelled command ran=%v, err=%v; want not run, context.Canceled", ran, out[0].Err)
		}
		if out[1].Err != nil || familiesIn(t, env, "After") != 1 {
			t.Errorf("the command after it: %v, families %d", out[1].Err, familiesIn(t, env, "After"))
		}
	})
}

// TestGroupCommitCancelledMidway: a command whose caller gives up while
// it runs fails, and leaves nothing; the commands before and after it in
// the group land once.
func TestGroupCommitCancelledMidway(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		if env.engine != storage.SQLite {
			t.Skip("no group committer on PostgreSQL")
		}
		org := fxOrg(t, env.db, schakel.VeiligThuis)
		insert := func(place string) func(tx *storage.Tx) error {
			return func(tx *storage.Tx) error {
				_, err := tx.InsertFamily(org.RegionID, place)
				return err
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		before := 0
		out := env.db.RunGroup(
			storage.GroupCommand{Ctx: context.Background(), Fn: func(tx *storage.Tx) error {
				before++
				return insert("Before")(tx)
			}},
			storage.GroupCommand{Ctx: ctx, Fn: func(tx *storage.Tx) error {
				if err := insert("Midway")(tx); err != nil {
					return err
				}
				cancel()
				return insert("Midway")(tx)
			}},
			storage.GroupCommand{Ctx: context.Background(), Fn: insert("After")},
		)
		if out[0].Err != nil || out[2].Err != nil {
			t.Errorf("the commands around it failed: %v, %v", out[0].Err, out[2].Err)
		}
		if !errors.Is(out[1].Err, context.Canceled) {
			t.Errorf("cancelled command: %v, want context.Canceled", out[1].Err)
		}
		if before != 1 {
			t.Errorf("the command before ran %d times; a cancelled command must not break the group", before)
		}
		for place, want := range map[string]int{"Before": 1, "Midway": 0, "After": 1} {
			if got := familiesIn(t, env, place); got != want {
				t.Errorf("families in %s = %d, want %d", place, got, want)
			}
		}
	})
}

// TestGroupCommitRunsAloneWhenTheGroupBreaks: a command that ends the
// group's transaction under the others (here by rolling it back itself)
// breaks the group; nothing of it stays and every command runs again in a
// transaction of its own, so each write lands exactly once.
func TestGroupCommitRunsAloneWhenTheGroupBreaks(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		if env.engine != storage.SQLite {
			t.Skip("no group committer on PostgreSQL")
		}
		org := fxOrg(t, env.db, schakel.VeiligThuis)
		calls := map[string]int{}
		insert := func(place string, breakFirst bool) storage.GroupCommand {
			return storage.GroupCommand{Ctx: context.Background(), Fn: func(tx *storage.Tx) error {
				calls[place]++
				if _, err := tx.InsertFamily(org.RegionID, place); err != nil {
					return err
				}
				if breakFirst && calls[place] == 1 {
					return tx.EndTransactionForTest()
				}
				return nil
			}}
		}
		out := env.db.RunGroup(insert("First", false), insert("Breaker", true), insert("Last", false))
		for i, o := range out {
			if o.Err != nil || o.Panic != nil {
				t.Errorf("command %d: %v %v", i, o.Err, o.Panic)
			}
		}
		for _, place := range []string{"First", "Breaker", "Last"} {
			if got := familiesIn(t, env, place); got != 1 {
				t.Errorf("families in %s = %d, want exactly 1", place, got)
			}
		}
		if calls["First"] != 2 || calls["Breaker"] != 2 {
			t.Errorf("calls %v: the broken group should have run again alone", calls)
		}
	})
}

// TestGroupCommitUnderConcurrentWriters: forty writers at once all land,
// each once, and the trail they wrote verifies.
func TestGroupCommitUnderConcurrentWriters(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		db := env.db
		org := fxOrg(t, db, schakel.VeiligThuis)
		me := fxActor(fxPro(t, db, org, schakel.RoleIntake))
		entriesBefore := fxCount(t, db)
		const writers = 40
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- db.Update(context.Background(), func(tx *storage.Tx) error {
					id, err := tx.InsertFamily(org.RegionID, "Samen")
					tx.Audit(me, audit.Entry{Event: audit.EventCreate, ResourceType: "family", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisRole})
					return err
				})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if got := familiesIn(t, env, "Samen"); got != writers {
			t.Errorf("families = %d, want %d", got, writers)
		}
		if got := fxCount(t, db); got != entriesBefore+writers {
			t.Errorf("audit entries = %d, want %d", got, entriesBefore+writers)
		}
		groups, commands := db.GroupCommitStats()
		t.Logf("%s: %d groups held %d commands", env.engine, groups, commands)
	})
}

func familiesIn(t *testing.T, env fxEnv, municipality string) int {
	t.Helper()
	var n int
	if err := env.raw.QueryRow(fxRebind(env.engine, `SELECT COUNT(*) FROM families WHERE municipality = ?`), municipality).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

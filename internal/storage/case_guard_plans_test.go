package storage_test

import (
	"context"
	"strings"
	"testing"

	"schakel/internal/app"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestGuardPreparesBatchedRead: on PostgreSQL a batched read runs on
// generic plans (batch.go). A transaction that says its batched read
// follows the case guard (ReadBatchedNext) has the guard's statement set
// them, so the read needs no SET LOCAL of its own; one that does not
// still gets them from that SET LOCAL; neither setting outlives its
// transaction.
func TestGuardPreparesBatchedRead(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		if db.Engine() != storage.Postgres {
			t.Skip("plan settings are PostgreSQL's; SQLite reads a case statement by statement")
		}
		ctx := context.Background()
		actor := demoWorld(t, db)
		res, err := app.New(db).CreateReport(ctx, actor, benchReport(1, true), "")
		if err != nil {
			t.Fatal(err)
		}
		for _, announced := range []bool{false, true} {
			t.Run(map[bool]string{false: "not announced", true: "announced"}[announced], func(t *testing.T) {
				sets := 0
				db.RecordStatements(func(q string, _ []any) {
					if strings.HasPrefix(q, "SET LOCAL plan_cache_mode") {
						sets++
					}
				})
				defer db.RecordStatements(nil)
				err := db.Update(ctx, func(tx *storage.Tx) error {
					if announced {
						tx.ReadBatchedNext()
					}
					if _, _, err := tx.CaseGuardFacts(actor.Professional, res.CaseID); err != nil {
						return err
					}
					mode, err := tx.SettingForTest("plan_cache_mode")
					if err != nil {
						return err
					}
					if want := map[bool]string{false: "auto", true: "force_generic_plan"}[announced]; mode != want {
						t.Errorf("after the guard: plan_cache_mode %s, want %s", mode, want)
					}
					c, err := tx.LoadCase(res.CaseID)
					if err != nil {
						return err
					}
					if len(c.Reports) == 0 {
						t.Error("the batched read returned a case without its report")
					}
					if mode, err = tx.SettingForTest("plan_cache_mode"); err != nil || mode != "force_generic_plan" {
						t.Errorf("after the batched read: plan_cache_mode %s (%v), want force_generic_plan", mode, err)
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if want := map[bool]int{false: 1, true: 0}[announced]; sets != want {
					t.Errorf("%d SET LOCAL statements, want %d", sets, want)
				}
				err = db.Update(ctx, func(tx *storage.Tx) error {
					mode, err := tx.SettingForTest("plan_cache_mode")
					if err == nil && mode != "auto" {
						t.Errorf("the next transaction: plan_cache_mode %s, want auto", mode)
					}
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			})
		}
	})
}

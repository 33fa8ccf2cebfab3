package storage_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"schakel/internal/app"
	"schakel/internal/demo"
)

// TestStoredJSONThatDoesNotParseSurfaces: a JSON column that no longer
// parses (finances of a report, reasons of a rating, details of a chain
// event) makes the read fail with the row named, instead of showing an
// empty value as if nothing had been stored.
func TestStoredJSONThatDoesNotParseSurfaces(t *testing.T) {
	tests := []struct {
		name, tamper, want string
		read               func(a *app.App, ctx context.Context, w *intakeWorld, caseID int64) error
	}{
		{"finances of a report", `UPDATE reports SET finances = '{not json' WHERE case_id = ?`, "finances of report",
			func(a *app.App, ctx context.Context, w *intakeWorld, caseID int64) error {
				_, err := a.Case(ctx, w.actor(t, demo.Email("Sanne", "vt")), caseID)
				return err
			}},
		{"details of a chain event", `UPDATE chain_events SET details = '{not json' WHERE case_id = ?`, "details of chain event",
			func(a *app.App, ctx context.Context, w *intakeWorld, caseID int64) error {
				_, err := a.Timeline(ctx, w.actor(t, demo.Email("Sanne", "vt")), caseID)
				return err
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fxEachRaw(t, func(t *testing.T, env fxEnv) {
				w := newIntakeWorld(t, env.db)
				ctx := context.Background()
				in := baseReport()
				received := w.now.Add(-time.Hour)
				in.ReceivedAt = &received
				in.Finances = map[string]string{"unopened_post_or_debts": "yes"}
				a := app.New(env.db)
				res, err := a.CreateReport(ctx, w.actor(t, demo.Email("Sanne", "vt")), in, "")
				if err != nil {
					t.Fatal(err)
				}
				if err := tt.read(a, ctx, w, res.CaseID); err != nil {
					t.Fatalf("before tampering: %v", err)
				}
				fxRawExec(t, env, tt.tamper, res.CaseID)
				err = tt.read(a, ctx, w, res.CaseID)
				if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "does not parse") {
					t.Fatalf("read after tampering: %v, want an error naming %q", err, tt.want)
				}
			})
		})
	}
}

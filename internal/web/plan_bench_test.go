package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// BenchmarkCasePage renders the case page (GET /casussen/{id}: bearer token
// lookup, the audited read of the case with its workspace, and the HTML)
// for a case with 50 consultations, 500 findings and 200 actions, in
// process, on every engine. The number of SQL statements of the audited
// read is reported by BenchmarkCaseWorkspace in internal/storage (the page
// adds the token lookup: 4 statements, 5 when the token's last use is
// updated once a minute).
//
//	go test ./internal/web -run '^$' -bench CasePage -benchtime 3s
func BenchmarkCasePage(b *testing.B) {
	for _, e := range storagetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			ctx := context.Background()
			db := storagetest.Open(b, e)
			now := time.Now()
			if _, err := demo.Load(ctx, db, now); err != nil {
				b.Fatal(err)
			}
			cfg := web.DefaultConfig()
			cfg.PasswordParams = cheapParams
			cfg.TableHold = 0
			srv, err := web.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), cfg)
			if err != nil {
				b.Fatal(err)
			}
			me, err := db.ProfessionalByEmail(ctx, vtIntake)
			if err != nil {
				b.Fatal(err)
			}
			token, _ := auth.NewSecret("skt_")
			if err := db.Update(ctx, func(tx *storage.Tx) error {
				_, err := tx.CreateToken(me.ID, "bench", auth.HashSecret(token))
				return err
			}); err != nil {
				b.Fatal(err)
			}
			a := &schakel.Actor{Professional: &me, ClientAddr: "127.0.0.1"}
			rep := benchReport()
			rep.Indicators = []string{"threat_to_life"}
			res, err := app.New(db).CreateReport(ctx, a, rep, "")
			if err != nil {
				b.Fatal(err)
			}
			seedCase(b, db, a, res.CaseID, now, 49, 500, 200)
			get := func() *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodGet, "/casussen/"+itoa(res.CaseID), nil)
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("case page: %d", rec.Code)
				}
				return rec
			}
			size := get().Body.Len()
			for b.Loop() {
				get()
			}
			b.ReportMetric(float64(size)/1024, "KiB/page")
		})
	}
}

// seedCase puts n consultations, f findings and a actions on a case.
func seedCase(b *testing.B, db *storage.DB, a *schakel.Actor, caseID int64, start time.Time, n, f, acts int) {
	b.Helper()
	ctx := context.Background()
	for i := range n {
		at := start.Add(time.Duration(i+1) * 24 * time.Hour).Format(time.RFC3339)
		if _, err := app.New(db).CreateConsultation(ctx, a, caseID, plan.ConsultationInput{Kind: schakel.ConsultationKinds[i%4], ScheduledAt: at,
			Agenda: []string{"Veiligheid", "Plan"}, Invite: plan.Invite{ProfessionalIDs: []int64{a.Professional.ID}}}); err != nil {
			b.Fatal(err)
		}
	}
	for i := range f {
		if _, err := app.New(db).AddFinding(ctx, a, caseID, app.FindingInput{Column: schakel.FindingColumns[i%3], Text: fmt.Sprintf("Bevinding %d over het gezin", i)}); err != nil {
			b.Fatal(err)
		}
	}
	forWhom := []string{schakel.ForParents, schakel.ForChild, schakel.ForNetwork}
	for i := range acts {
		fw := forWhom[i%3]
		if _, err := app.New(db).AddAction(ctx, a, caseID, plan.ActionInput{Title: fmt.Sprintf("Actie %d", i), OwnerOrganisationID: a.Professional.Organisation.ID,
			OwnerProfessionalID: a.Professional.ID, DueDate: start.AddDate(0, 0, i%60).Format("2006-01-02"), For: &fw, Kind: plan.ActionKinds[i%3]}); err != nil {
			b.Fatal(err)
		}
	}
}

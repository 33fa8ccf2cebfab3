package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// BenchmarkAPI measures requests through the whole HTTP stack in process
// (routing, CSRF check, bearer token lookup, handler, JSON), without the
// network: an unaudited read (GET /api/v1/me, GET /api/v1/professionals/{id})
// against an audited one (GET /api/v1/cases/{id}: access decision and a
// hash-chained audit entry in the same transaction). The parallel variants
// run 50 clients at once: audited reads are writes, so they queue on the
// audit chain's head row (PostgreSQL) or the single writer (SQLite).
//
//	go test ./internal/web -run '^$' -bench API -benchtime 2s
func BenchmarkAPI(b *testing.B) {
	for _, e := range storagetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			ctx := context.Background()
			db := storagetest.Open(b, e)
			if _, err := demo.Load(ctx, db, time.Now()); err != nil {
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
			token, err := auth.NewSecret("skt_")
			if err != nil {
				b.Fatal(err)
			}
			if err := db.Update(ctx, func(tx *storage.Tx) error {
				_, err := tx.CreateToken(me.ID, "bench", auth.HashSecret(token))
				return err
			}); err != nil {
				b.Fatal(err)
			}
			res, err := app.New(db).CreateReport(ctx, &schakel.Actor{Professional: &me, ClientAddr: "127.0.0.1"}, benchReport(), "")
			if err != nil {
				b.Fatal(err)
			}

			get := func(b *testing.B, path string) {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Errorf("GET %s: %d %s", path, rec.Code, rec.Body)
				}
			}
			for _, tc := range []struct{ name, path string }{
				{"me-unaudited", "/api/v1/me"},
				{"professional-unaudited", "/api/v1/professionals/" + itoa(me.ID)},
				{"case-audited", "/api/v1/cases/" + itoa(res.CaseID)},
			} {
				b.Run(tc.name, func(b *testing.B) {
					for b.Loop() {
						get(b, tc.path)
					}
				})
				b.Run(tc.name+"-50clients", func(b *testing.B) {
					b.SetParallelism(max(1, 50/runtime.GOMAXPROCS(0)))
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							get(b, tc.path)
						}
					})
				})
			}
		})
	}
}

func benchReport() intake.Report {
	return intake.Report{
		Reporter:     intake.Reporter{Kind: "police", Name: "Agent Bench"},
		Children:     []intake.Person{{GivenNames: "Kind", FamilyName: "Bench", BirthDate: "2015-03-01"}},
		Adults:       []intake.Person{{GivenNames: "Ouder", FamilyName: "Bench", BirthDate: "1980-06-01", Relation: "parent"}},
		Municipality: "Rotterdam", Concerns: []string{"domestic_violence"}, Narrative: "Politie werd gebeld door buren na ruzie.",
		Indicators: []string{"witnessed_domestic_violence"},
	}
}

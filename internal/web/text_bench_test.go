package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/storage/storagetest"
	"schakel/internal/textlimit"
)

// longNameOf is a name of n characters that differs per seed from its
// first letters on, so that every known person is a candidate by birth
// date and none is equal.
func longNameOf(n, seed int) string {
	var b strings.Builder
	for i := 0; b.Len() < 2*n; i++ {
		if i%11 == 10 {
			b.WriteByte(' ')
			continue
		}
		b.WriteByte(byte('a' + (seed*7+i*3)%26))
		if i%5 == 0 {
			b.WriteRune('é')
		}
	}
	return string([]rune(b.String())[:n])
}

// BenchmarkIntakeLongNames files reports whose children and adults have
// names of the maximum length (textlimit.Name) and all the same birth
// dates, against 50 known families like them: every known person is a
// matching candidate. Before names were limited and matching bounded, two
// names of 40,000 characters took 13.2 s inside the write transaction; a
// report with such names is now refused before it (the "refused" case).
//
//	go test ./internal/web -run '^$' -bench IntakeLongNames -benchtime 20x
func BenchmarkIntakeLongNames(b *testing.B) {
	for _, e := range storagetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			ctx := context.Background()
			db := storagetest.Open(b, e)
			if _, err := demo.Load(ctx, db, time.Now()); err != nil {
				b.Fatal(err)
			}
			me, err := db.ProfessionalByEmail(ctx, vtIntake)
			if err != nil {
				b.Fatal(err)
			}
			a := &schakel.Actor{Professional: &me, ClientAddr: "127.0.0.1"}
			report := func(n, seed int) intake.Report {
				r := benchReport()
				r.Children[0].GivenNames, r.Children[0].FamilyName = longNameOf(n, seed), longNameOf(n, seed+1)
				r.Adults[0].GivenNames, r.Adults[0].FamilyName = longNameOf(n, seed+2), longNameOf(n, seed+3)
				return r
			}
			for i := range 50 {
				if _, err := app.New(db).CreateReport(ctx, a, report(textlimit.Name, 4*i), ""); err != nil {
					b.Fatal(err)
				}
			}
			seed := 1000
			for _, n := range []int{12, textlimit.Name} {
				b.Run(fmt.Sprintf("names=%d", n), func(b *testing.B) {
					for b.Loop() {
						seed += 4
						if _, err := app.New(db).CreateReport(ctx, a, report(n, seed), ""); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			b.Run("names=40000-refused", func(b *testing.B) {
				for b.Loop() {
					_, err := app.New(db).CreateReport(ctx, a, report(40000, 7), "")
					if schakel.ErrorCode(err) != schakel.EINVALID {
						b.Fatalf("40,000-character names: %v, want invalid", err)
					}
				}
			})
		})
	}
}

package app_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/bsn"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestSameChildAtTheSameMoment files two red reports on the same new child
// at the same moment, through one database handle and through two (as two
// serve processes would), and proves that there is one family, one case
// and one crisis table, which both reports join.
func TestSameChildAtTheSameMoment(t *testing.T) {
	for _, e := range storagetest.Engines() {
		for _, processes := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s/%d processes", e.Name, processes), func(t *testing.T) {
				sameChildRace(t, e, processes)
			})
		}
	}
}

func sameChildRace(t *testing.T, e storagetest.Engine, processes int) {
	dsn := e.DSN(t)
	one, two := openTwice(t, dsn)
	if processes == 1 {
		two = one
	}
	ctx := context.Background()
	loadDemo(t, one)
	sanne := demoActor(t, one, demo.Email("Sanne", "vt"))
	mohamed := demoActor(t, two, demo.Email("Mohamed", "vt"))
	r := rand.New(rand.NewPCG(7, 7))
	for pair := range 10 {
		in := redReport(fmt.Sprintf("Kind%d", pair), bsn.Generate(r))
		results := make([]app.ReportResult, 2)
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, filer := range []struct {
			uc    *app.App
			actor *schakel.Actor
		}{{app.New(one), sanne}, {app.New(two), mohamed}} {
			wg.Go(func() { results[i], errs[i] = filer.uc.CreateReport(ctx, filer.actor, in, "") })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("pair %d, report %d: %v", pair, i, err)
			}
		}
		if results[0].CaseID != results[1].CaseID || results[0].FamilyID != results[1].FamilyID {
			t.Fatalf("pair %d: two cases (%d, %d) or families (%d, %d) for one child", pair,
				results[0].CaseID, results[1].CaseID, results[0].FamilyID, results[1].FamilyID)
		}
		c, err := app.New(one).Case(ctx, sanne, results[0].CaseID)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Reports) != 2 {
			t.Errorf("pair %d: case has %d reports, want both", pair, len(c.Reports))
		}
		planned := 0
		for _, k := range c.Consultations {
			if k.Kind == "crisis" && k.Status == "planned" {
				planned++
			}
		}
		if planned != 1 {
			t.Errorf("pair %d: %d planned crisis tables, want 1", pair, planned)
		}
	}
}

func openTwice(t *testing.T, dsn string) (*storage.DB, *storage.DB) {
	t.Helper()
	var dbs [2]*storage.DB
	for i := range dbs {
		db, err := storage.Open(context.Background(), dsn, chain.Rules{})
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		t.Cleanup(func() { db.Close() })
		dbs[i] = db
	}
	return dbs[0], dbs[1]
}

func demoActor(t *testing.T, db *storage.DB, email string) *schakel.Actor {
	t.Helper()
	p, err := db.ProfessionalByEmail(context.Background(), email)
	if err != nil {
		t.Fatalf("professional %s: %v", email, err)
	}
	return &schakel.Actor{Professional: &p, ClientAddr: "127.0.0.1", Workstation: "test"}
}

func redReport(child, bsnNumber string) intake.Report {
	return intake.Report{
		Reporter:     intake.Reporter{Kind: "police", Name: "Agent Jansen", Organisation: "Politie Rotterdam", Phone: "0900-8844"},
		Children:     []intake.Person{{GivenNames: child, FamilyName: "Gelijktijdig", BirthDate: "2018-05-04", BSN: bsnNumber, Relation: "child"}},
		Municipality: "Rotterdam",
		Concerns:     []string{"domestic_violence"},
		Indicators:   []string{"threat_to_life"},
		Narrative:    "Buren belden de politie: geschreeuw en een kind dat huilde. Moeder had striemen in haar hals.",
	}
}

// TestSameChildWithoutBSN files two reports on the same new child without a
// BSN at the same moment. Without a BSN nothing may link them for sure, but
// the intake serialises on the matching keys, so the later report always
// sees the earlier one and proposes the match: the same child is never
// twice in the region unseen.
func TestSameChildWithoutBSN(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			one, two := openTwice(t, e.DSN(t))
			ctx := context.Background()
			loadDemo(t, one)
			sanne := demoActor(t, one, demo.Email("Sanne", "vt"))
			mohamed := demoActor(t, two, demo.Email("Mohamed", "vt"))
			for pair := range 10 {
				in := redReport(fmt.Sprintf("Zonder%d", pair), "")
				results := make([]app.ReportResult, 2)
				errs := make([]error, 2)
				var wg sync.WaitGroup
				wg.Go(func() { results[0], errs[0] = app.New(one).CreateReport(ctx, sanne, in, "") })
				wg.Go(func() { results[1], errs[1] = app.New(two).CreateReport(ctx, mohamed, in, "") })
				wg.Wait()
				if errs[0] != nil || errs[1] != nil {
					t.Fatalf("pair %d: %v, %v", pair, errs[0], errs[1])
				}
				later := results[0]
				if results[1].ID > later.ID {
					later = results[1]
				}
				if len(later.Matches) == 0 {
					t.Errorf("pair %d: the later report proposed no match with the earlier one", pair)
				}
			}
		})
	}
}

func demoActorByID(t *testing.T, db *storage.DB, id int64) *schakel.Actor {
	t.Helper()
	p, err := db.Professional(context.Background(), id)
	if err != nil {
		t.Fatalf("professional %d: %v", id, err)
	}
	return &schakel.Actor{Professional: &p, ClientAddr: "127.0.0.1", Workstation: "test"}
}

// loadDemo loads the demo region into db as of now.
func loadDemo(t *testing.T, db *storage.DB) {
	t.Helper()
	if _, err := demo.Load(context.Background(), db, time.Now()); err != nil {
		t.Fatalf("demo: %v", err)
	}
}

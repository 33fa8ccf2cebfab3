package app_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/care"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestCareReminderEmailedOnce: a request reaches two providers; one
// answers. Before three quarters of the time nobody is reminded; after,
// the one that did not answer gets one e-mail to its team lead, however
// often and from however many servers the reminders run; the one that
// answered gets none.
func TestCareReminderEmailedOnce(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			one, two := openTwice(t, e.DSN(t))
			now := time.Date(2026, 11, 23, 10, 0, 0, 0, workdays.Location())
			one.Now = func() time.Time { return now }
			two.Now = one.Now
			if _, err := demo.Load(ctx, one, now); err != nil {
				t.Fatalf("demo: %v", err)
			}
			uc := app.New(one)
			sanne := demoActor(t, one, demo.Email("Sanne", "vt"))
			frank := demoActor(t, one, demo.Email("Frank", "kompas"))
			ingrid := demoActor(t, one, demo.Email("Ingrid", "schuldhulp"))
			for _, p := range []struct {
				who  *schakel.Actor
				need schakel.NeedCategory
			}{{frank, schakel.NeedTrauma}, {ingrid, schakel.NeedDebts}} {
				if _, err := uc.PutCareProfile(ctx, p.who, p.who.Professional.Organisation.ID, schakel.ProviderProfile{Categories: []schakel.NeedCategory{p.need}}); err != nil {
					t.Fatal(err)
				}
			}
			res, err := uc.CreateReport(ctx, sanne, redReport("Ravi", ""), "")
			if err != nil {
				t.Fatal(err)
			}
			req, err := uc.CreateCareRequest(ctx, sanne, res.CaseID, care.Request{Urgency: schakel.UrgencyWeeks,
				Needs: []schakel.CareNeed{{Category: schakel.NeedTrauma}, {Category: schakel.NeedDebts}}})
			if err != nil || len(req.Asked) != 2 {
				t.Fatalf("request: %+v, %v", req.Asked, err)
			}
			if _, err := uc.AnswerCare(ctx, frank, req.ID, care.Answer{Approach: "Traumatherapie thuis.", EarliestStart: "2026-12-07"}); err != nil {
				t.Fatal(err)
			}
			mails := func() map[string]int {
				t.Helper()
				return outboxTo(t, one, "Schakel: herinnering zorgvraag")
			}
			remindFrom := care.RemindFrom(req.CreatedAt, req.Deadline)
			now = remindFrom.Add(-time.Minute)
			if n, err := uc.RemindCareProviders(ctx); err != nil || n != 0 || len(mails()) != 0 {
				t.Fatalf("before three quarters: %d reminded, %v, %v", n, err, mails())
			}
			now = remindFrom
			servers := []*app.App{uc, app.New(two)}
			var wg sync.WaitGroup
			reminded := make([]int, 4)
			for i := range reminded {
				wg.Go(func() {
					n, err := servers[i%2].RemindCareProviders(ctx)
					if err != nil {
						t.Errorf("remind: %v", err)
					}
					reminded[i] = n
				})
			}
			wg.Wait()
			if total := reminded[0] + reminded[1] + reminded[2] + reminded[3]; total != 1 {
				t.Fatalf("reminded %d times (%v)", total, reminded)
			}
			now = req.Deadline.Add(-time.Minute)
			if n, err := uc.RemindCareProviders(ctx); err != nil || n != 0 {
				t.Fatalf("reminded again: %d, %v", n, err)
			}
			if got := mails(); len(got) != 1 || got[demo.Email("Ingrid", "schuldhulp")] != 1 {
				t.Fatalf("reminders sent to %v, want one to Ingrid (debt counselling, did not answer)", got)
			}
		})
	}
}

// outboxTo counts the e-mails in the outbox whose subject starts with
// prefix, per address.
func outboxTo(t *testing.T, db *storage.DB, prefix string) map[string]int {
	t.Helper()
	out := map[string]int{}
	msgs, err := db.PendingMail(context.Background(), 10000)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if len(m.Subject) >= len(prefix) && m.Subject[:len(prefix)] == prefix {
			out[m.To]++
		}
	}
	return out
}

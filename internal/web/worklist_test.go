package web_test

import (
	"fmt"
	"testing"
	"time"

	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
	"schakel/internal/workdays"
)

// A red report's colour is due at the crisis table, so its work item is due
// within the configured crisis time (--crisis-within), not the default.
func TestWorklistRedDueWithinConfiguredCrisisTime(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		const within = 90 * time.Minute // the default is 4 hours
		ts := startServerWith(t, e, func(c *web.Config) { c.CrisisWithin = within })
		sanne := ts.Login(vtIntake)
		form := intakeUIForm(ts, "Crisistijd", "k-crisis-within")
		received, err := time.ParseInLocation("2006-01-02T15:04", form.Get("received_at"), workdays.Location())
		if err != nil {
			t.Fatal(err)
		}
		_, caseID := intakeUIFile(t, sanne, form)

		var wl struct{ Items []storage.WorkItem }
		r := sanne.Get("/api/v1/worklist")
		r.JSON(t, &wl)
		var due *time.Time
		for _, it := range wl.Items {
			if it.Kind == "rate" && it.CaseID == caseID {
				due = it.DueAt
			}
		}
		if due == nil {
			t.Fatalf("no rate item for case %d in %s", caseID, r.Body)
		}
		if want := received.Add(within); !due.Equal(want) {
			t.Errorf("red rate item due %s, want %s (received + %s)", due, want, within)
		}
		// The screen's work list shows the same due time, also when its
		// filter was wrong and it falls back to the plain list.
		want := received.Add(within).In(workdays.Location()).Format("02-01 15:04")
		for _, path := range []string{"/?scope=organisation", "/?color=nonsense"} {
			wantContains(t, sanne.Get(path), fmt.Sprintf("(%s)", want))
		}
	})
}

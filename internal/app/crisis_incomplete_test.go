package app_test

import (
	"context"
	"slices"
	"testing"

	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestIncompleteCrisisTableAlertsCoreLeads files a red report that needs a
// lawyer when no lawyer is active. The table misses the lawyer, and the
// team leads of the chain's core organisations (Veilig Thuis,
// jeugdbescherming, the Raad) are each asked once to find one, in their
// work list and by e-mail; no other organisation's team lead is told.
func TestIncompleteCrisisTableAlertsCoreLeads(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		lawyers := []string{demo.Email("Ruud", "vt"), demo.Email("Ilse", "jb"), demo.Email("Hans", "raad"), demo.Email("Gerard", "rb")}
		for _, email := range lawyers {
			p := demoActor(t, db, email).Professional
			if err := db.Update(ctx, func(tx *storage.Tx) error { return tx.SaveProfessionalActive(p.ID, false) }); err != nil {
				t.Fatal(err)
			}
		}
		res, err := app.New(db).CreateReport(ctx, sanne, redReport("Lieke", ""), "")
		if err != nil {
			t.Fatal(err)
		}
		if res.Consultation == nil || !slices.Contains(res.Consultation.Missing, "role:lawyer") {
			t.Fatalf("table %+v, want one missing the lawyer", res.Consultation)
		}
		mails := outboxTo(t, db, "Schakel: actie nodig")
		leads := []struct {
			email string
			told  int
		}{
			{demo.Email("Linda", "vt"), 1},
			{demo.Email("Erik", "jb"), 1},
			{demo.Email("Monique", "raad"), 1},
			{demo.Email("Carla", "blijf"), 0},
			{demo.Email("Jeroen", "samendoen"), 0},
			{demo.Email("Ingrid", "schuldhulp"), 0},
			{demo.Email("Esther", "kompas"), 0},
			{demo.Email("Ahmed", "gemeente"), 0},
			{demo.Email("Inge", "politie"), 0},
		}
		for _, l := range leads {
			t.Run(l.email, func(t *testing.T) {
				if mails[l.email] != l.told {
					t.Errorf("%d alert e-mails, want %d", mails[l.email], l.told)
				}
				p := demoActor(t, db, l.email).Professional
				var notices int
				err := db.View(ctx, func(tx *storage.Tx) error {
					items, err := tx.WorkItems(p, "mine", p.Team)
					for _, it := range items {
						if it.Kind == "notice" && it.CaseID == res.CaseID && it.ConsultationID == res.Consultation.ID {
							notices++
						}
					}
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				if notices != l.told {
					t.Errorf("%d notices on the table in the work list, want %d", notices, l.told)
				}
			})
		}
	})
}

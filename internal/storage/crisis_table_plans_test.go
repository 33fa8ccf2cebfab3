package storage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestCrisisTablePlans explains the statements of shaping a red report's
// crisis table while its invitations are held (a need taken off, a person
// added), sending it at once, and then what happens at the table: its
// place set, an invitee declining, and an expertise asked for.
func TestCrisisTablePlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newIntakeWorld(t, db)
		uc := app.New(db, app.WithTableHold(10*time.Minute))
		sanne := w.actor(t, demo.Email("Sanne", "vt"))
		res, err := uc.CreateReport(ctx, sanne, benchReport(11, true), "")
		if err != nil || res.Consultation == nil || !res.Consultation.OnHold() {
			t.Fatalf("a red report's table is held: %v %+v", err, res.Consultation)
		}
		table := *res.Consultation
		need, leaving := storagetest.RemovableNeed(t, table)
		var decliner int64
		for _, p := range table.Participants {
			if p.Professional.ID != sanne.Professional.ID && !slices.Contains(leaving, p.Professional.ID) {
				decliner = p.Professional.ID
			}
		}
		invitee, err := db.Professional(ctx, decliner)
		if err != nil {
			t.Fatal(err)
		}
		naima := w.actor(t, demo.Email("Naima", "jb"))
		steps := []planStep{
			{"take a need off", func() error {
				_, err := uc.RemoveTableNeed(ctx, sanne, table.ID, plan.TableNeedRemoval{Need: need, Reason: "Dat volgt bij het MDO, niet vannacht."})
				return err
			}},
			{"add a person", func() error {
				_, err := uc.AddTablePerson(ctx, sanne, table.ID, plan.TablePersonAdded{ProfessionalID: naima.Professional.ID, Reason: "Kent het gezin al van eerder."})
				return err
			}},
			{"send it now", func() error { _, err := uc.SendTableNow(ctx, sanne, table.ID); return err }},
			{"set its place", func() error {
				_, err := uc.SetConsultationLocation(ctx, sanne, table.ID,
					schakel.ConsultationLocation{Mode: schakel.MeetOnline, VideoURL: "https://meet.example.nl/crisis-1", Phone: "010 123 45 67"})
				return err
			}},
			{"decline the invitation", func() error {
				_, err := uc.DeclineInvitation(ctx, &schakel.Actor{Professional: &invitee, ClientAddr: "127.0.0.1"}, table.ID, "Ik ben die middag bij de rechter.")
				return err
			}},
			{"ask for an expertise", func() error {
				_, err := uc.AddConsultationParticipant(ctx, sanne, table.ID, plan.Invite{Expertises: []string{string(schakel.ExpAddiction)}, Reason: "Vader drinkt, zegt de school."})
				return err
			}},
		}
		checkStepPlans(t, db, nil, steps)
	})
}

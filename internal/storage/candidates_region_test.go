package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/attendees"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// A crisis table's pool is one region's: LoadSchedules reads the duty
// shifts and bookings of that region's professionals only, not those of
// a professional of another region on duty and at a table in the same
// hours (on a national database, the other regions' schedules).
func TestSchedulesOfOneRegion(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		sanne := demoWorld(t, db)
		res, err := app.New(db).CreateReport(ctx, sanne, benchReport(1, true), "")
		if err != nil || res.Consultation == nil || len(res.Consultation.Participants) == 0 {
			t.Fatalf("red report: %v, table %+v", err, res.Consultation)
		}
		table := res.Consultation
		at := table.ScheduledAt
		var other int64
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			region, err := tx.CreateRegion("Andere regio")
			if err != nil {
				return err
			}
			org, err := tx.InsertOrganisation(region, "Veilig Thuis Elders", schakel.VeiligThuis)
			if err != nil {
				return err
			}
			if other, err = tx.InsertProfessional(schakel.ProfessionalInput{OrganisationID: org, Email: "elders@vt.example", Name: "Elders"}); err != nil {
				return err
			}
			for _, p := range []int64{other, sanne.Professional.ID} {
				if _, err := tx.InsertDutyShift(p, at.Add(-time.Hour), at.Add(time.Hour)); err != nil {
					return err
				}
			}
			return tx.AddInvitees(table.ID, []storage.Invitee{{ProfessionalID: other}})
		}); err != nil {
			t.Fatal(err)
		}
		pool := attendees.NewPool()
		if err := db.View(ctx, func(tx *storage.Tx) error {
			return tx.LoadSchedules(pool, sanne.Professional.Organisation.RegionID, at.Add(-2*time.Hour), at.Add(2*time.Hour))
		}); err != nil {
			t.Fatal(err)
		}
		if len(pool.Duty[other]) > 0 || len(pool.Bookings[other]) > 0 {
			t.Errorf("the other region's professional was read: duty %v, bookings %v", pool.Duty[other], pool.Bookings[other])
		}
		if len(pool.Duty[sanne.Professional.ID]) == 0 {
			t.Error("the region's own duty shift is missing")
		}
		booked := table.Participants[0].Professional.ID
		if len(pool.Bookings[booked]) == 0 {
			t.Errorf("the booking of %d at the table is missing", booked)
		}
	})
}

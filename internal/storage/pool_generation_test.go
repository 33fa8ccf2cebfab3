package storage_test

import (
	"context"
	"testing"

	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestPoolGenerationFollowsThePool: on SQLite, every change to what a
// crisis table's candidate pool reads makes the pool's generation grow, so
// that a pool read before the intake's write transaction is never taken
// for the current one; changes the pool does not read leave it, so that
// the pool read before is not thrown away for nothing.
func TestPoolGenerationFollowsThePool(t *testing.T) {
	ctx := context.Background()
	db := storagetest.Open(t, storagetest.SQLite())
	w := newIntakeWorld(t, db)
	red := baseReport()
	red.Indicators = []string{"child_afraid_to_go_home", "no_safe_caregiver"}
	if res, err := app.New(db).CreateReport(ctx, w.actor(t, demo.Email("Sanne", "vt")), red, ""); err != nil || res.Consultation == nil || len(res.Consultation.Participants) < 2 {
		t.Fatalf("red report: %v %+v", err, res.Consultation)
	}
	const (
		first       = `(SELECT MIN(id) FROM professionals)`
		last        = `(SELECT MAX(id) FROM professionals)`
		invited     = `(SELECT MIN(consultation_id) FROM consultation_participants)`
		notInvited  = `(SELECT MIN(id) FROM professionals WHERE id NOT IN (SELECT professional_id FROM consultation_participants WHERE consultation_id = ` + invited + `))`
		anInvitee   = `consultation_id = ` + invited + ` AND professional_id = (SELECT MIN(professional_id) FROM consultation_participants WHERE consultation_id = ` + invited + `)`
		aCase       = `(SELECT MIN(id) FROM cases)`
		shiftStarts = `'2026-11-24 08:00:00'`
	)
	for _, tc := range []struct {
		name  string
		sql   string
		grows bool
	}{
		{"a role given", `INSERT INTO professional_roles (professional_id, role) VALUES (` + first + `, 'test_role')`, true},
		{"a role taken away", `DELETE FROM professional_roles WHERE role = 'test_role'`, true},
		{"an expertise given", `INSERT INTO professional_expertises (professional_id, expertise) VALUES (` + first + `, 'test_expertise')`, true},
		{"an expertise taken away", `DELETE FROM professional_expertises WHERE expertise = 'test_expertise'`, true},
		{"a duty shift planned", `INSERT INTO duty_shifts (professional_id, starts_at, ends_at) VALUES (` + first + `, ` + shiftStarts + `, '2026-11-24 17:00:00')`, true},
		{"a duty shift lengthened", `UPDATE duty_shifts SET ends_at = '2026-11-24 18:00:00' WHERE starts_at = ` + shiftStarts, true},
		{"a duty shift removed", `DELETE FROM duty_shifts WHERE starts_at = ` + shiftStarts, true},
		{"a professional renamed", `UPDATE professionals SET name = name || ' Test' WHERE id = ` + first, true},
		{"a professional disabled", `UPDATE professionals SET active = FALSE WHERE id = ` + last, true},
		{"a professional moved to another organisation", `UPDATE professionals SET organisation_id = (SELECT MAX(id) FROM organisations) WHERE id = ` + first, true},
		{"a professional added", `INSERT INTO professionals (organisation_id, email, name, created_at, updated_at) VALUES ((SELECT MIN(id) FROM organisations), 'test@schakel.example', 'Test', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, true},
		{"an organisation added", `INSERT INTO organisations (region_id, name, kind, created_at) VALUES ((SELECT MIN(id) FROM regions), 'Testorganisatie', 'shelter', CURRENT_TIMESTAMP)`, true},
		{"an organisation of another kind", `UPDATE organisations SET kind = 'shelter' WHERE name = 'Testorganisatie'`, true},
		{"an invitee added", `INSERT INTO consultation_participants (consultation_id, professional_id, invited_at) VALUES (` + invited + `, ` + notInvited + `, CURRENT_TIMESTAMP)`, true},
		{"an invitee declined", `UPDATE consultation_participants SET declined_at = CURRENT_TIMESTAMP WHERE ` + anInvitee, true},
		{"a table moved", `UPDATE consultations SET scheduled_at = '2026-11-24 09:00:00' WHERE id = ` + invited, true},
		{"a table held", `UPDATE consultations SET status = 'held' WHERE id = ` + invited, true},

		{"a professional's record touched", `UPDATE professionals SET updated_at = CURRENT_TIMESTAMP WHERE id = ` + first, false},
		{"a phone number", `UPDATE professionals SET phone = '010 123 4567' WHERE id = ` + first, false},
		{"an organisation renamed", `UPDATE organisations SET name = 'Testorganisatie 2' WHERE name = 'Testorganisatie'`, false},
		{"an invitation accepted", `UPDATE consultation_participants SET accepted_at = CURRENT_TIMESTAMP WHERE ` + anInvitee, false},
		{"a table without invitees", `INSERT INTO consultations (case_id, kind, scheduled_at, due_at, created_at) VALUES (` + aCase + `, 'crisis', '2026-11-24 09:00:00', '2026-11-24 09:00:00', CURRENT_TIMESTAMP)`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before, after int64
			if err := db.Update(ctx, func(tx *storage.Tx) error {
				var err error
				if before, err = tx.PoolGeneration(); err != nil {
					return err
				}
				if err := tx.ExecForTest(tc.sql); err != nil {
					return err
				}
				after, err = tx.PoolGeneration()
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if grew := after > before; grew != tc.grows {
				t.Errorf("generation %d -> %d, want growth: %v", before, after, tc.grows)
			}
		})
	}
}

package app_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestRefusedCommandsWriteNothingButAudit runs every use case of this
// package that acts on a case as someone the rules refuse (an organisation
// not on the case, or a wrong value) and compares every table's row count
// before and after: only the audit trail may grow.
func TestRefusedCommandsWriteNothingButAudit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		res, err := uc.CreateReport(ctx, demoActor(t, db, demo.Email("Sanne", "vt")), redReport("Mila", ""), "")
		if err != nil || res.Consultation == nil {
			t.Fatalf("red report: %v", err)
		}
		caseID, consultation := res.CaseID, res.Consultation.ID
		outsider := demoActor(t, db, demo.Email("Meryem", "kompas"))
		sanne := demoActor(t, db, demo.Email("Sanne", "vt"))
		cases := []struct {
			name     string
			want     string
			maxAudit int64
			command  func() error
		}{
			{"rating by an outsider", schakel.EFORBIDDEN, 2, func() error {
				_, _, err := uc.RateCase(ctx, outsider, caseID, "orange", "Het gaat beter, zegt de school.", 0)
				return err
			}},
			{"rating with an unknown colour", schakel.EINVALID, 2, func() error {
				_, _, err := uc.RateCase(ctx, sanne, caseID, "paars", "Geen kleur.", 0)
				return err
			}},
			{"accepting an invitation one never had", schakel.EFORBIDDEN, 2, func() error {
				_, err := uc.AcceptInvitation(ctx, outsider, consultation)
				return err
			}},
			{"declining an invitation one never had", schakel.EFORBIDDEN, 2, func() error {
				_, err := uc.DeclineInvitation(ctx, outsider, consultation, "Geen tijd.")
				return err
			}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				refusedLeavesOnlyAudit(t, db, c.want, c.maxAudit, c.command)
			})
		}
	})
}

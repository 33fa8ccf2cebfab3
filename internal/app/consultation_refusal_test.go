package app_test

import (
	"context"
	"testing"
	"time"

	"schakel"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestRefusedConsultationCommandsWriteNothingButAudit runs every
// consultation command as an organisation not on the case, with bad input
// and against a rule, and proves with row counts that only the audit trail
// may grow (and only for a refusal by the access rules).
func TestRefusedConsultationCommandsWriteNothingButAudit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newConsultWorld(t, db)
		outsider := demoActor(t, db, demo.Email("Meryem", "kompas"))
		crisis := w.crisis.ID
		later := w.now.Add(48 * time.Hour).Format(time.RFC3339)
		mdo := plan.ConsultationInput{Kind: schakel.ConsultMDO, ScheduledAt: later, Invite: plan.Invite{ProfessionalIDs: []int64{w.mohamed.Professional.ID}}}
		present := plan.AttendanceInput{Present: []int64{w.sanne.Professional.ID}}
		link := schakel.ConsultationLocation{Mode: schakel.MeetOnline, VideoURL: "https://meet.example.nl/crisis"}
		move := plan.ConsultationChange{ScheduledAt: later, Reason: "De vertrouwensarts kan pas later."}
		cases := []struct {
			name     string
			want     string
			maxAudit int64
			command  func() (schakel.Consultation, error)
		}{
			{"planning by an outsider", schakel.EFORBIDDEN, 2, func() (schakel.Consultation, error) {
				return w.uc.CreateConsultation(ctx, outsider, w.caseID, mdo)
			}},
			{"planning a consultation of no kind", schakel.EINVALID, 0, func() (schakel.Consultation, error) {
				bad := mdo
				bad.Kind = "borrel"
				return w.uc.CreateConsultation(ctx, w.sanne, w.caseID, bad)
			}},
			{"planning online without a video link", schakel.EINVALID, 0, func() (schakel.Consultation, error) {
				bad := mdo
				bad.Location = schakel.ConsultationLocation{Mode: schakel.MeetOnline, VideoURL: "http://meet.example.nl/x"}
				return w.uc.CreateConsultation(ctx, w.sanne, w.caseID, bad)
			}},
			{"attendance by an outsider", schakel.EFORBIDDEN, 2, func() (schakel.Consultation, error) {
				return w.uc.RecordAttendance(ctx, outsider, crisis, present)
			}},
			{"attendance before the consultation began", schakel.ECONFLICT, 0, func() (schakel.Consultation, error) {
				return w.uc.RecordAttendance(ctx, w.sanne, crisis, present)
			}},
			{"attendance without anyone present", schakel.EINVALID, 0, func() (schakel.Consultation, error) {
				defer w.at(w.crisis.ScheduledAt)()
				return w.uc.RecordAttendance(ctx, w.sanne, crisis, plan.AttendanceInput{})
			}},
			{"an agenda point by an outsider", schakel.EFORBIDDEN, 2, func() (schakel.Consultation, error) {
				return w.uc.AddAgendaItem(ctx, outsider, crisis, "Rondvraag")
			}},
			{"an empty agenda point", schakel.EINVALID, 0, func() (schakel.Consultation, error) {
				return w.uc.AddAgendaItem(ctx, w.sanne, crisis, "  ")
			}},
			{"a participant added by an outsider", schakel.EFORBIDDEN, 2, func() (schakel.Consultation, error) {
				return w.uc.AddConsultationParticipant(ctx, outsider, crisis, plan.Invite{Expertises: []string{"debt_counselling"}, Reason: "Schulden"})
			}},
			{"a participant without a reason", schakel.EINVALID, 0, func() (schakel.Consultation, error) {
				return w.uc.AddConsultationParticipant(ctx, w.sanne, crisis, plan.Invite{Expertises: []string{"debt_counselling"}})
			}},
			{"a participant who is already invited", schakel.ECONFLICT, 0, func() (schakel.Consultation, error) {
				return w.uc.AddConsultationParticipant(ctx, w.sanne, crisis, plan.Invite{ProfessionalIDs: []int64{w.crisis.Participants[0].Professional.ID}, Reason: "Nogmaals uitnodigen voor de zekerheid"})
			}},
			{"a move by an outsider", schakel.EFORBIDDEN, 2, func() (schakel.Consultation, error) {
				return w.uc.MoveConsultation(ctx, outsider, crisis, move)
			}},
			{"a move without a reason", schakel.EINVALID, 0, func() (schakel.Consultation, error) {
				return w.uc.MoveConsultation(ctx, w.sanne, crisis, plan.ConsultationChange{ScheduledAt: later})
			}},
			{"a cancellation by an outsider", schakel.EFORBIDDEN, 2, func() (schakel.Consultation, error) {
				return w.uc.CancelConsultation(ctx, outsider, crisis, move)
			}},
			{"cancelling a red case's crisis table", schakel.ECONFLICT, 0, func() (schakel.Consultation, error) {
				return w.uc.CancelConsultation(ctx, w.sanne, crisis, move)
			}},
			{"a location set by an outsider", schakel.EFORBIDDEN, 2, func() (schakel.Consultation, error) {
				return w.uc.SetConsultationLocation(ctx, outsider, crisis, link)
			}},
			{"a video link without https", schakel.EINVALID, 0, func() (schakel.Consultation, error) {
				return w.uc.SetConsultationLocation(ctx, w.sanne, crisis, schakel.ConsultationLocation{Mode: schakel.MeetOnline, VideoURL: "ftp://x.nl"})
			}},
			{"no location at all", schakel.EINVALID, 0, func() (schakel.Consultation, error) {
				return w.uc.SetConsultationLocation(ctx, w.sanne, crisis, schakel.ConsultationLocation{})
			}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				refusedLeavesOnlyAudit(t, db, c.want, c.maxAudit, func() error {
					_, err := c.command()
					return err
				})
			})
		}
	})
}

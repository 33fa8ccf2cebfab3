package storage_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/care"
	"schakel/internal/demo"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestDailyCommandPlans explains the statements of the commands
// professionals give all day on a case and its crisis table: accepting
// the invitation, assigning a case holder, planning a conversation with
// the family, adding to the agenda, a finding, an action and its
// completion, and a question to a colleague. Each runs the case's guard
// (TestCaseReadPlans) and its own reads and updates, explained here.
func TestDailyCommandPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, benchReport(8, true))
		w, sanne, uc, red := pc.w, pc.sanne, pc.uc, pc.filed
		if red.Consultation == nil || len(red.Consultation.Participants) == 0 {
			t.Fatalf("red report called no crisis table: %+v", red.Consultation)
		}
		// Youth protection joining the case puts it on their waiting list
		// for a case holder, which is rewritten by a statement of its own.
		var jb int64
		for _, p := range red.Consultation.Participants {
			if p.Professional.Organisation.Kind == schakel.Jeugdbescherming {
				jb = p.Professional.ID
			}
		}
		p, err := db.Professional(ctx, jb)
		if err != nil {
			t.Fatal(err)
		}
		invitee := &schakel.Actor{Professional: &p, ClientAddr: "127.0.0.1"}
		lead := w.actor(t, demo.Email("Erik", "jb"))
		team, err := uc.CreateTeam(ctx, lead, app.TeamInput{Name: "Team Commando's", LeadID: lead.Professional.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.PutTeamMember(ctx, lead, team.ID, app.MemberInput{ProfessionalID: invitee.Professional.ID, HoursPerWeek: 36, StartedOn: "2024-01-01"}); err != nil {
			t.Fatal(err)
		}
		colleague := w.actor(t, demo.Email("Mohamed", "vt"))
		due := w.now.AddDate(0, 0, 7).Format(time.DateOnly)
		var action schakel.Action
		commands := []planStep{
			{"accept the invitation", func() error { _, err := uc.AcceptInvitation(ctx, invitee, red.Consultation.ID); return err }},
			{"assign a case holder", func() error {
				_, err := uc.AssignCaseHolder(ctx, lead, red.CaseID, app.HolderInput{ProfessionalID: invitee.Professional.ID,
					Position: schakel.FirstHolder, Reason: "Nieuwe casus."})
				return err
			}},
			{"plan a conversation with the family", func() error {
				c, err := uc.Case(ctx, sanne, red.CaseID)
				if err != nil {
					return err
				}
				_, err = uc.PlanFamilyMeeting(ctx, sanne, red.CaseID, plan.FamilyMeetingInput{Date: due, Time: "10:30", Minutes: 60,
					About: "We praten over school.", Location: schakel.ConsultationLocation{Mode: schakel.MeetInPerson, Place: "Wijkcentrum De Brug"},
					PersonIDs: []int64{c.Persons[len(c.Persons)-1].ID}, ProfessionalIDs: []int64{sanne.Professional.ID}})
				return err
			}},
			{"add to the agenda", func() error { _, err := uc.AddAgendaItem(ctx, sanne, red.Consultation.ID, "Rondvraag"); return err }},
			{"add a finding", func() error {
				_, err := uc.AddFinding(ctx, sanne, red.CaseID, app.FindingInput{Column: schakel.ColumnWorkingWell, Text: "Oma kan helpen."})
				return err
			}},
			{"add an action", func() error {
				action, err = uc.AddAction(ctx, sanne, red.CaseID, plan.ActionInput{Title: "Huisbezoek", Kind: schakel.ActionTask,
					OwnerOrganisationID: sanne.Professional.Organisation.ID, OwnerProfessionalID: sanne.Professional.ID, DueDate: due})
				return err
			}},
			{"complete the action", func() error {
				p, err := uc.Plan(ctx, sanne, red.CaseID)
				if err != nil {
					return err
				}
				done := schakel.ActionDone
				_, err = uc.UpdateAction(ctx, sanne, red.CaseID, action.ID, plan.ActionChange{Status: &done, Version: p.Version})
				return err
			}},
			{"ask a colleague", func() error {
				_, err := uc.AskColleague(ctx, sanne, red.CaseID, plan.RequestInput{ToProfessionalID: colleague.Professional.ID,
					Kind: schakel.RequestThinkAlong, At: w.now.Add(48 * time.Hour).Format(time.RFC3339), Message: "Denk je mee?"})
				return err
			}},
		}
		checkStepPlans(t, db, nil, commands)
	})
}

// TestRequestAndJobPlans does the same for what runs on every request
// (finding the session or API token of a professional or a family
// member) and for the jobs that run every few seconds in each serve
// process: the audit sealer (four times a second), the release of held
// crisis tables, the outbox (a claim, and a message marked sent) and the
// reminders to care providers. Most of them send their statements straight
// to a pool, which the statement trace sees.
func TestRequestAndJobPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, benchReport(9, true))
		sanne, uc, red, c := pc.sanne, pc.uc, pc.filed, pc.c
		parent := c.Persons[len(c.Persons)-1]
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			if err := tx.CreateSession(sanne, "session-hash", 8*time.Hour); err != nil {
				return err
			}
			if _, err := tx.CreateToken(sanne.Professional.ID, "plans", "token-hash"); err != nil {
				return err
			}
			account, err := tx.InsertFamilyAccount(parent.ID, red.CaseID, sanne.Professional.ID)
			if err != nil {
				return err
			}
			if err := tx.ActivateFamilyAccount(account, "ouder@voorbeeld.nl", "password-hash"); err != nil {
				return err
			}
			member := &schakel.Actor{FamilyMember: &schakel.FamilyMember{ID: account, PersonID: parent.ID, FamilyID: c.FamilyID}, ClientAddr: "198.51.100.7"}
			if err := tx.OpenFamilySession(member, "family-session-hash", 8*time.Hour, ""); err != nil {
				return err
			}
			_, err = tx.InsertFamilyToken(account, "plans", "family-token-hash")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		sealer := db.NewAuditSealer()
		var claimed []storage.OutboxMessage
		runs := []planStep{
			{"browser session", func() error { _, _, err := db.SessionLogin(ctx, "session-hash", time.Hour); return err }},
			{"browser session, without its strength", func() error {
				_, err := uc.SessionProfessional(ctx, "session-hash", time.Hour)
				return err
			}},
			{"API token", func() error { _, _, _, err := db.TokenLogin(ctx, "token-hash"); return err }},
			{"family member's session", func() error { _, err := db.SessionFamilyMember(ctx, "family-session-hash", time.Hour); return err }},
			{"family member's token", func() error { _, err := db.TokenFamilyMember(ctx, "family-token-hash"); return err }},
			{"audit sealer", func() error { _, err := sealer.SealOnce(ctx); return err }},
			{"release of held crisis tables", func() error { _, err := uc.ReleaseDueTables(ctx); return err }},
			{"outbox", func() (err error) { claimed, err = db.ClaimMail(ctx, 20); return err }},
			{"a message sent", func() error {
				if len(claimed) == 0 {
					t.Fatal("the outbox held no message")
				}
				return db.MarkMail(ctx, claimed[0].ID, nil)
			}},
			{"reminders to care providers", func() error { _, err := uc.RemindCareProviders(ctx); return err }},
		}
		// The sealer reads the entries after the last one it sealed, at
		// most a batch: a range on the sequence that ends at the trail's end.
		unsealedTail := func(q string) bool { return strings.Contains(q, "WHERE a.seq > ? ORDER BY a.seq LIMIT ?") }
		checkStepPlans(t, db, unsealedTail, runs)
	})
}

// TestCareAndLoginPlans does the same for asking care by need, as the
// case worker and as the provider see it, from the request to the end of
// the care, and for logging in with a password, which counts the failed
// attempts of the account and the address before it checks anything. The
// care dashboard's figures are over the region's history by design:
// TestStatisticsPlans holds them to its rule.
func TestCareAndLoginPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, benchReport(10, true))
		sanne, uc, red := pc.sanne, pc.uc, pc.filed
		frank := pc.traumaCare(t)
		var req schakel.CareRequest
		steps := []planStep{
			{"ask for care", func() error {
				var err error
				req, err = uc.CreateCareRequest(ctx, sanne, red.CaseID, care.Request{Urgency: schakel.UrgencyWeeks,
					Needs: []schakel.CareNeed{{Category: schakel.NeedTrauma}}})
				return err
			}},
			{"provider's inbox", func() error { _, err := uc.CareInbox(ctx, frank); return err }},
			{"provider answers", func() error {
				_, err := uc.AnswerCare(ctx, frank, req.ID, care.Answer{Approach: "Traumatherapie thuis.", EarliestStart: "2026-12-07"})
				return err
			}},
			{"the request with its answers", func() error { _, err := uc.CareRequest(ctx, sanne, req.ID); return err }},
			{"choose the provider", func() error {
				_, err := uc.ChooseCare(ctx, sanne, req.ID, frank.Professional.Organisation.ID)
				return err
			}},
			{"the care starts", func() error {
				_, err := uc.StartCare(ctx, frank, req.ID, care.Progress{Date: pc.w.now.Format(time.DateOnly)})
				return err
			}},
			{"the care ends", func() error {
				_, err := uc.EndCare(ctx, frank, req.ID, care.Progress{Date: pc.w.now.Format(time.DateOnly), Reason: "as_planned"})
				return err
			}},
			{"care profiles", func() error { _, err := uc.CareProfiles(ctx, frank); return err }},
			{"log in", func() error {
				_, err := uc.Login(ctx, app.Attempt{Email: demo.Email("Sanne", "vt"), Password: demo.Password, ClientAddr: "192.0.2.9"})
				return err
			}},
			{"log in with a wrong password", func() error {
				_, err := uc.Login(ctx, app.Attempt{Email: demo.Email("Sanne", "vt"), Password: "niet het wachtwoord", ClientAddr: "192.0.2.9"})
				if err != app.ErrBadLogin {
					return err
				}
				return nil
			}},
		}
		checkStepPlans(t, db, nil, steps)
	})
}

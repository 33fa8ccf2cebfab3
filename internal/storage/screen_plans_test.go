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

// TestDailyScreenPlans holds the other screens a professional opens all
// day to the same rule as the case page and the work list: the crisis
// table of a red report (its page and the consultation itself); the
// case's plan, timeline, holders, requests for care, family meetings,
// placement reviews, colleague asks, family members and a parent's copy;
// the caseloads of the professional, of a team lead's teams and of the
// organisation; the care inbox, colleague asks, support work, network,
// drafts, own sessions and duty. Each statement they issue is explained,
// and a full scan of a table that grows with the region fails the test.
func TestDailyScreenPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newIntakeWorld(t, db)
		sanne := w.actor(t, "sanne.vt@schakel.example")
		lead := w.actor(t, demo.Email("Erik", "jb"))
		privacy := w.actor(t, demo.Email("Karin", "vt"))
		vt := privacy.Professional.Organisation.ID
		red, err := app.New(db).CreateReport(ctx, sanne, benchReport(7, true), "")
		if err != nil {
			t.Fatal(err)
		}
		if red.Consultation == nil {
			t.Fatal("a red report called no crisis table")
		}
		uc := app.New(db)
		c, err := uc.Case(ctx, sanne, red.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		parent := c.Persons[len(c.Persons)-1].ID
		if boards, err := uc.MyTeamBoards(ctx, lead); err != nil || len(boards) == 0 {
			team, err := uc.CreateTeam(ctx, lead, app.TeamInput{Name: "Team Plannen", LeadID: lead.Professional.ID})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := uc.PutTeamMember(ctx, lead, team.ID, app.MemberInput{ProfessionalID: lead.Professional.ID, HoursPerWeek: 36, StartedOn: "2024-01-01"}); err != nil {
				t.Fatal(err)
			}
		}
		screens := []struct {
			name string
			read func() error
		}{
			{"crisis table page", func() error {
				_, _, err := uc.ConsultationWorkspace(ctx, sanne, red.Consultation.ID, "")
				return err
			}},
			{"consultation", func() error { _, err := uc.Consultation(ctx, sanne, red.Consultation.ID); return err }},
			{"plan", func() error { _, err := uc.Plan(ctx, sanne, red.CaseID); return err }},
			{"timeline", func() error { _, err := uc.Timeline(ctx, sanne, red.CaseID); return err }},
			{"case holders", func() error { _, err := uc.CaseHolderList(ctx, sanne, red.CaseID); return err }},
			{"care requests of the case", func() error { _, err := uc.CaseCareRequests(ctx, sanne, red.CaseID); return err }},
			{"family meetings of the case", func() error { _, err := uc.CaseFamilyMeetings(ctx, sanne, red.CaseID); return err }},
			{"family members page", func() error { _, err := uc.FamilyMembersPage(ctx, sanne, red.CaseID); return err }},
			{"family copy page", func() error { _, err := uc.FamilyCopyPage(ctx, sanne, red.CaseID, parent); return err }},
			{"placement reviews of the case", func() error { _, err := uc.CaseReviews(ctx, sanne, red.CaseID); return err }},
			{"colleague asks of the case", func() error { _, err := uc.CaseColleagueAsks(ctx, sanne, red.CaseID); return err }},
			{"drafts", func() error { _, err := uc.Drafts(ctx, sanne); return err }},
			{"own sessions", func() error { _, err := uc.MySessions(ctx, sanne, "", time.Hour); return err }},
			{"on duty until", func() error { _, _, err := uc.DutyUntil(ctx, sanne); return err }},
			{"duty roster", func() error { _, err := uc.DutyRoster(ctx, sanne, w.now, w.now.AddDate(0, 0, 14)); return err }},
			{"placement tables", func() error { _, err := uc.PanelReviews(ctx, sanne); return err }},
			{"privacy log of the organisation", func() error {
				_, err := uc.ListAudit(ctx, privacy, storage.AuditFilter{OrganisationID: vt})
				return err
			}},
			{"privacy log of a professional", func() error {
				_, err := uc.ListAudit(ctx, privacy, storage.AuditFilter{OrganisationID: vt, UserID: sanne.Professional.ID})
				return err
			}},
			{"privacy log of a person", func() error {
				_, err := uc.ListAudit(ctx, privacy, storage.AuditFilter{OrganisationID: vt, PersonID: parent})
				return err
			}},
			{"refusals in the privacy log", func() error {
				_, err := uc.ListAudit(ctx, privacy, storage.AuditFilter{OrganisationID: vt, Outcome: "refused"})
				return err
			}},
			{"accesses to a person", func() error { _, err := uc.PersonAccesses(ctx, privacy, parent, 0, 50); return err }},
			{"caseloads above the norm", func() error { _, err := uc.CaseloadOverrides(ctx, lead); return err }},
			{"my caseload", func() error { _, err := uc.MyCaseload(ctx, sanne); return err }},
			{"team boards", func() error { _, err := uc.MyTeamBoards(ctx, lead); return err }},
			{"organisation caseload", func() error { _, err := uc.OrganisationCaseload(ctx, lead); return err }},
			{"care inbox", func() error { _, err := uc.CareInbox(ctx, sanne); return err }},
			{"colleague asks", func() error { _, err := uc.MyColleagueAsks(ctx, sanne); return err }},
			{"support work", func() error { _, err := uc.MySupportWork(ctx, sanne); return err }},
			{"network", func() error { _, err := uc.Network(ctx, sanne); return err }},
		}
		for _, s := range screens {
			t.Run(s.name, func(t *testing.T) {
				checkPlans(t, db, nil, func() {
					if err := s.read(); err != nil {
						t.Fatal(err)
					}
				})
			})
		}
	})
}

// TestFamilyScreenPlans does the same for what a parent opens and does:
// their own page, the list of who looked at their child's data and a
// request to correct what the case says.
func TestFamilyScreenPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newIntakeWorld(t, db)
		sanne := w.actor(t, "sanne.vt@schakel.example")
		uc := app.New(db)
		res, err := uc.CreateReport(ctx, sanne, baseReport(), "")
		if err != nil {
			t.Fatal(err)
		}
		c, err := uc.Case(ctx, sanne, res.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		var mother, child int64
		for _, p := range c.Persons {
			switch p.GivenNames {
			case "Mirjam":
				mother = p.ID
			case "Noah":
				child = p.ID
			}
		}
		var account int64
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			account, err = tx.InsertFamilyAccount(mother, res.CaseID, sanne.Professional.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		parent := &schakel.Actor{FamilyMember: &schakel.FamilyMember{ID: account, PersonID: mother, FamilyID: c.FamilyID, Name: "Mirjam de Jong"},
			ClientAddr: "198.51.100.7"}
		screens := []struct {
			name string
			read func() error
		}{
			{"family's own page", func() error { _, err := uc.FamilyView(ctx, parent, nil); return err }},
			{"who looked at the child's data", func() error { _, err := uc.FamilyAccesses(ctx, parent, child, 0); return err }},
			{"ask for a correction", func() error {
				_, err := uc.FileFamilyRequest(ctx, parent, app.RequestCorrection, "Ik heb nooit gezegd dat ik boos werd.")
				return err
			}},
		}
		for _, s := range screens {
			t.Run(s.name, func(t *testing.T) {
				checkPlans(t, db, nil, func() {
					if err := s.read(); err != nil {
						t.Fatal(err)
					}
				})
			})
		}
	})
}

// TestDailyCommandPlans does the same for the commands professionals give
// all day on a case and its crisis table: accepting the invitation,
// assigning a case holder, planning a conversation with the family,
// adding to the agenda, a finding, an action and its completion, and a
// question to a colleague. Each runs the case's guard (TestCaseReadPlans)
// and its own reads and updates, explained here.
func TestDailyCommandPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newIntakeWorld(t, db)
		sanne := w.actor(t, "sanne.vt@schakel.example")
		uc := app.New(db)
		red, err := uc.CreateReport(ctx, sanne, benchReport(8, true), "")
		if err != nil || red.Consultation == nil || len(red.Consultation.Participants) == 0 {
			t.Fatalf("red report: %v, table %+v", err, red.Consultation)
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
		commands := []struct {
			name string
			run  func() error
		}{
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
		for _, c := range commands {
			t.Run(c.name, func(t *testing.T) {
				checkPlans(t, db, nil, func() {
					if err := c.run(); err != nil {
						t.Fatal(err)
					}
				})
			})
		}
	})
}

// TestRequestAndJobPlans does the same for what runs on every request
// (finding the session or API token of a professional or a family
// member) and for the jobs that run every few
// seconds in each serve process: the audit sealer (four times a second),
// the release of held crisis tables, the outbox and the reminders to care
// providers. Most of them send their statements straight to a pool,
// which the statement trace sees.
func TestRequestAndJobPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newIntakeWorld(t, db)
		sanne := w.actor(t, "sanne.vt@schakel.example")
		uc := app.New(db)
		red, err := uc.CreateReport(ctx, sanne, benchReport(9, true), "")
		if err != nil {
			t.Fatal(err)
		}
		c, err := uc.Case(ctx, sanne, red.CaseID)
		if err != nil {
			t.Fatal(err)
		}
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
		runs := []struct {
			name string
			run  func() error
		}{
			{"browser session", func() error { _, _, err := db.SessionLogin(ctx, "session-hash", time.Hour); return err }},
			{"API token", func() error { _, _, _, err := db.TokenLogin(ctx, "token-hash"); return err }},
			{"family member's session", func() error { _, err := db.SessionFamilyMember(ctx, "family-session-hash", time.Hour); return err }},
			{"family member's token", func() error { _, err := db.TokenFamilyMember(ctx, "family-token-hash"); return err }},
			{"audit sealer", func() error { _, err := sealer.SealOnce(ctx); return err }},
			{"release of held crisis tables", func() error { _, err := uc.ReleaseDueTables(ctx); return err }},
			{"outbox", func() error { _, err := db.ClaimMail(ctx, 20); return err }},
			{"reminders to care providers", func() error { _, err := uc.RemindCareProviders(ctx); return err }},
		}
		// The sealer reads the entries after the last one it sealed, at
		// most a batch: a range on the sequence that ends at the trail's end.
		unsealedTail := func(q string) bool { return strings.Contains(q, "FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?") }
		for _, r := range runs {
			t.Run(r.name, func(t *testing.T) {
				n := checkPlans(t, db, unsealedTail, func() {
					if err := r.run(); err != nil {
						t.Fatal(err)
					}
				})
				if n == 0 {
					t.Error("no statement was explained")
				}
			})
		}
	})
}

// TestCareAndLoginPlans does the same for asking care by need, as the
// case worker and as the provider see it, and for logging in with a
// password, which counts the failed attempts of the account and the
// address before it checks anything. The care dashboard is left out: its
// figures are over the region's whole history by design, and
// BenchmarkCareDashboard measures it.
func TestCareAndLoginPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		w := newIntakeWorld(t, db)
		sanne := w.actor(t, "sanne.vt@schakel.example")
		frank := w.actor(t, demo.Email("Frank", "kompas"))
		uc := app.New(db)
		red, err := uc.CreateReport(ctx, sanne, benchReport(10, true), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := uc.PutCareProfile(ctx, frank, frank.Professional.Organisation.ID,
			schakel.ProviderProfile{Categories: []schakel.NeedCategory{schakel.NeedTrauma}}); err != nil {
			t.Fatal(err)
		}
		var req schakel.CareRequest
		steps := []struct {
			name string
			run  func() error
		}{
			{"ask for care", func() error {
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
		for _, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				checkPlans(t, db, nil, func() {
					if err := s.run(); err != nil {
						t.Fatal(err)
					}
				})
			})
		}
	})
}

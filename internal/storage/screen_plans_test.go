package storage_test

import (
	"context"
	"testing"
	"time"

	"schakel/internal/app"
	"schakel/internal/demo"
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
// drafts, own sessions and duty (the caseloads above the norm count a
// year of the region: TestStatisticsPlans). Each statement they issue is explained,
// and a full scan of a table that grows with the region fails the test.
func TestDailyScreenPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, benchReport(7, true))
		w, sanne, uc, red := pc.w, pc.sanne, pc.uc, pc.filed
		lead := w.actor(t, demo.Email("Erik", "jb"))
		privacy := w.actor(t, demo.Email("Karin", "vt"))
		vt := privacy.Professional.Organisation.ID
		if red.Consultation == nil {
			t.Fatal("a red report called no crisis table")
		}
		parent := pc.c.Persons[len(pc.c.Persons)-1].ID
		if boards, err := uc.MyTeamBoards(ctx, lead); err != nil || len(boards) == 0 {
			team, err := uc.CreateTeam(ctx, lead, app.TeamInput{Name: "Team Plannen", LeadID: lead.Professional.ID})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := uc.PutTeamMember(ctx, lead, team.ID, app.MemberInput{ProfessionalID: lead.Professional.ID, HoursPerWeek: 36, StartedOn: "2024-01-01"}); err != nil {
				t.Fatal(err)
			}
		}
		screens := []planStep{
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
			{"my caseload", func() error { _, err := uc.MyCaseload(ctx, sanne); return err }},
			{"team boards", func() error { _, err := uc.MyTeamBoards(ctx, lead); return err }},
			{"organisation caseload", func() error { _, err := uc.OrganisationCaseload(ctx, lead); return err }},
			{"care inbox", func() error { _, err := uc.CareInbox(ctx, sanne); return err }},
			{"colleague asks", func() error { _, err := uc.MyColleagueAsks(ctx, sanne); return err }},
			{"support work", func() error { _, err := uc.MySupportWork(ctx, sanne); return err }},
			{"network", func() error { _, err := uc.Network(ctx, sanne); return err }},
		}
		checkStepPlans(t, db, nil, screens)
	})
}

// TestFamilyScreenPlans does the same for what a parent opens and does:
// their own page, the list of who looked at their child's data and a
// request to correct what the case says.
func TestFamilyScreenPlans(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		pc := newPlanCase(t, db, baseReport())
		uc := pc.uc
		_, child, parent := pc.baseFamily(t, db)
		screens := []planStep{
			{"family's own page", func() error { _, err := uc.FamilyView(ctx, parent, nil); return err }},
			{"who looked at the child's data", func() error { _, err := uc.FamilyAccesses(ctx, parent, child, 0); return err }},
			{"ask for a correction", func() error {
				_, err := uc.FileFamilyRequest(ctx, parent, app.RequestCorrection, "Ik heb nooit gezegd dat ik boos werd.")
				return err
			}},
		}
		checkStepPlans(t, db, nil, screens)
	})
}
